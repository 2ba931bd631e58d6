package org.mailtrace.store.opensearch;

import java.time.Instant;

/**
 * Instants for the {@code date_nanos} field: nanosecond ISO-8601 text (times one microsecond apart
 * stay apart), and query bounds clamped to what the type holds (1970 to 2262), so
 * {@code Instant.MAX} as a cutoff means "everything".
 */
final class DateNanos {
    static final Instant MIN = Instant.EPOCH;
    static final Instant MAX = Instant.parse("2262-04-11T23:47:16.854775807Z");

    private DateNanos() {
    }

    /** A value to index; out of range fails in the cluster with a message naming the document. */
    static String format(Instant t) {
        return t.toString();
    }

    /** A query bound, clamped into the type's range. */
    static String bound(Instant t) {
        return (t.isBefore(MIN) ? MIN : t.isAfter(MAX) ? MAX : t).toString();
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
