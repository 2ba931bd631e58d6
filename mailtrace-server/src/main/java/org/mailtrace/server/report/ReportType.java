package org.mailtrace.server.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The three report kinds of Microsoft 365's message trace, with its column names where the concept exists. */
public enum ReportType {
    /** One CSV row per trace row (message x recipient). */
    SUMMARY,
    /** One CSV row per message, recipients and their statuses joined ({@code addr##status;...}). */
    ENHANCED,
    /** One CSV row per event. */
    EXTENDED;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReportType parse(String s) {
        for (ReportType t : values()) {
            if (t.key().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("type must be one of " + Arrays.stream(values()).map(ReportType::key).toList()
                + ", was '" + s + "'");
    }
}
