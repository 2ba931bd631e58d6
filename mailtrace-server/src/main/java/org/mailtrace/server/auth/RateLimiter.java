package org.mailtrace.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A running-window limit per key (user name, or remote address for failed sign-ins), as Microsoft
 * 365 throttles message trace: at most N requests in any window of W. Exact (a log of request
 * times per key), which is cheap at the limits people configure (hundreds per window).
 */
public final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> hits = new ConcurrentHashMap<>();

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
        Deque<Long> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                long waitMs = times.peekFirst() + windowMs - now;
                return Math.max(1, (waitMs + 999) / 1000);
            }
            times.addLast(now);
            return 0;
        }
    }

    /** The seconds to wait before the key may make another request, without counting one; 0 when it may. */
    public long retryAfter(String key) {
        if (limit == 0) {
            return 0;
        }
        Deque<Long> times = hits.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        long windowMs = window.toMillis();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
                times.pollFirst();
            }
            return times.size() < limit ? 0 : Math.max(1, (times.peekFirst() + windowMs - now + 999) / 1000);
        }
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }
}
