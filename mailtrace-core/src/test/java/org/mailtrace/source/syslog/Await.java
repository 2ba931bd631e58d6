package org.mailtrace.source.syslog;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition the receiver threads make true, failing with {@code what} when they do not in time. */
final class Await {
    private Await() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
