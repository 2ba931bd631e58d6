package org.mailtrace.store.lucene;

import java.time.Instant;

/**
 * Instants as epoch nanoseconds, the long the index sorts and ranges on. Nanoseconds, not
 * milliseconds, so that the time-range edges (start inclusive, end exclusive) are exact for any
 * precision a log timestamp may carry. Instants outside 1677..2262 saturate.
 */
final class TimeKeys {
    private TimeKeys() {
    }

    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException overflow) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
