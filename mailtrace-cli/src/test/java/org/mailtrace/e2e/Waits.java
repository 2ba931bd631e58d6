package org.mailtrace.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: Postfix works asynchronously, so the suite waits for observable states, never forever. */
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

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
