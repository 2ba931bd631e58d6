package org.mailtrace.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running-window limit per key (user name, or remote address for failed sign-ins), as Microsoft
 * 365 throttles message trace: at most N requests in any window of W. Exact (a log of request
 * times per key), which is cheap at the limits people configure (hundreds per window).
 */
public final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    /** Request times per key, oldest first; each deque is read and changed only inside the map's compute methods. */
    private final Map<String, Deque<Long>> hits = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    /** @param limit requests allowed per window; 0 turns the limit off */
    public RateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 0) {
            throw new IllegalArgumentException("rate limit must be 0 (off) or more, was " + limit);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("rate limit window must be positive, was " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts one request for the key. Returns 0 when it is allowed, else the whole seconds to wait
     * until the oldest request in the window leaves it (at least 1): the {@code Retry-After} value.
     */
    public long acquire(String key) {
        if (limit == 0) {
            return 0;
        }
        long now = clock.millis();
        long windowMs = window.toMillis();
        sweep(now, windowMs);
        long[] wait = {0};
        hits.compute(key, (k, times) -> {
            Deque<Long> t = times == null ? new ArrayDeque<>() : times;
            dropOld(t, now - windowMs);
            if (t.size() >= limit) {
                wait[0] = secondsUntilRoom(t, windowMs, now);
            } else {
                t.addLast(now);
            }
            return t;
        });
        return wait[0];
    }

    /** The seconds to wait before the key may make another request, without counting one; 0 when it may. */
    public long retryAfter(String key) {
        if (limit == 0) {
            return 0;
        }
        long now = clock.millis();
        long windowMs = window.toMillis();
        long[] wait = {0};
        hits.computeIfPresent(key, (k, t) -> {
            dropOld(t, now - windowMs);
            if (t.size() >= limit) {
                wait[0] = secondsUntilRoom(t, windowMs, now);
            }
            return t.isEmpty() ? null : t;
        });
        return wait[0];
    }

    /**
     * At most once per window, forgets the keys with no request left in it: keys are client
     * addresses for failed sign-ins, which anyone can make up (an IPv6 /64 alone has 2^64), so the
     * map must not keep one entry per address ever seen.
     */
    private void sweep(long now, long windowMs) {
        long last = lastSweep.get();
        if (now - last < windowMs || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (String key : hits.keySet()) {
            hits.computeIfPresent(key, (k, t) -> {
                dropOld(t, now - windowMs);
                return t.isEmpty() ? null : t;
            });
        }
    }

    /** Whole seconds (at least 1) until the oldest request in a full window leaves it. */
    private static long secondsUntilRoom(Deque<Long> times, long windowMs, long now) {
        return Math.max(1, (times.peekFirst() + windowMs - now + 999) / 1000);
    }

    private static void dropOld(Deque<Long> times, long before) {
        while (!times.isEmpty() && times.peekFirst() <= before) {
            times.pollFirst();
        }
    }

    /** Keys the limiter holds now. */
    int keys() {
        return hits.size();
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }
}
