package org.mailtrace.server.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The range of a statistics request, made regular: buckets are whole UTC hours or days, the start
 * is rounded down to one, and without start and end the range is the last 24 hours up to now.
 *
 * @param start  first bucket's start
 * @param end    exclusive end (as asked, not rounded)
 * @param bucket {@code hour} or {@code day}
 * @param top    entries per top list, 1..100
 */
public record StatsRange(Instant start, Instant end, String bucket, int top) {
    public static final int MAX_TOP = 100;

    /**
     * @throws IllegalArgumentException naming the parameter: unknown bucket, top outside 1..100, end not after start
     */
    public static StatsRange of(Instant start, Instant end, String bucket, Integer top, Instant now) {
        String b = bucket == null ? "hour" : bucket;
        ChronoUnit unit = switch (b) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("bucket must be hour or day, was '" + b + "'");
        };
        int t = top == null ? 10 : top;
        if (t < 1 || t > MAX_TOP) {
            throw new IllegalArgumentException("top must be from 1 to " + MAX_TOP + ", was " + t);
        }
        Instant e = end != null ? end : start != null ? start.plus(Duration.ofDays(1)) : now;
        Instant s = start != null ? start : e.minus(Duration.ofDays(1));
        s = s.truncatedTo(unit);
        if (!e.isAfter(s)) {
            throw new IllegalArgumentException("end " + e + " must be after start " + s);
        }
        return new StatsRange(s, e, b, t);
    }

    public Duration bucketLength() {
        return bucket.equals("day") ? Duration.ofDays(1) : Duration.ofHours(1);
    }
}
