package org.mailtrace.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Command-line times: an ISO date ({@code 2026-11-28}) or date-time ({@code 2026-11-28T14:05},
 * {@code 2026-11-28T14:05:00+01:00}, {@code 2026-11-28T13:05:00Z}); UTC unless it carries a zone.
 * A date alone as an end means the end of that day, so {@code --start D --end D} is the whole day.
 */
final class Times {
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    static Instant start(String text) {
        return parse(text, false);
    }

    static Instant end(String text) {
        return parse(text, true);
    }

    private static Instant parse(String text, boolean endOfDay) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            String norm = t.replace(' ', 'T');
            if (norm.endsWith("Z") || norm.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(norm.matches(".*[+-]\\d{4}$") ? norm.substring(0, norm.length() - 2) + ":" + norm.substring(norm.length() - 2) : norm).toInstant();
            }
            if (norm.contains("[")) {
                return ZonedDateTime.parse(norm).toInstant();
            }
            return LocalDateTime.parse(norm).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO date or date-time; use e.g. 2026-11-28 or 2026-11-28T14:05:00Z");
        }
    }

    /**
     * Why {@code --start startText --end endText} selects nothing, in the words the user typed
     * (the instants behind them, such as the end of a day, would be values never typed).
     */
    static String emptyRange(String startText, String endText) {
        String both = "--end " + endText.trim() + " and --start " + startText.trim();
        if (start(endText).isBefore(start(startText))) {
            return "--end " + endText.trim() + " is before --start " + startText.trim() + "; did you mean --start "
                    + endText.trim() + " --end " + startText.trim() + "?";
        }
        return both + " leave no time between them; --end must be after --start (a date alone as --end "
                + "includes that whole day)";
    }

    /** For tables: {@code 2026-11-28 14:05:00} in the given zone. */
    static String show(Instant t, ZoneId zone) {
        return t == null ? "" : SHOW.format(t.atZone(zone));
    }
}
