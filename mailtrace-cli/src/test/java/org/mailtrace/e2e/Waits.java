package org.mailtrace.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Bounded polling: mail servers work asynchronously, so the suite waits for observable states, never forever. */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every 200 ms; throws with {@code what} when it is still false after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Waits until {@code value} (e.g. a log's size) has not changed for {@code quiet}. */
    static void untilStable(String what, LongSupplier value, Duration quiet, Duration timeout) {
        long[] last = {value.getAsLong()};
        long[] stableSince = {System.nanoTime()};
        until(what + " to stay unchanged for " + quiet, timeout, () -> {
            long now = value.getAsLong();
            if (now != last[0]) {
                last[0] = now;
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] >= quiet.toNanos();
        });
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
