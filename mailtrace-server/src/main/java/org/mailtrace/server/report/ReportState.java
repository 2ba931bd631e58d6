package org.mailtrace.server.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a report job stands. {@code capped} is done, but stopped at the configured row cap. */
public enum ReportState {
    QUEUED, RUNNING, DONE, FAILED, CAPPED, CANCELLED;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReportState parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** True once the job will not change any more. */
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    /** True when a CSV can be downloaded. */
    public boolean hasCsv() {
        return this == DONE || this == CAPPED;
    }
}
