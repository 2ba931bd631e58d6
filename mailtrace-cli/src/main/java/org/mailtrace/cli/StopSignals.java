package org.mailtrace.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a request to stop following, so {@code ingest --follow}
 * commits what it read and exits 0 like a finished command instead of being killed with 130/143.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK) when it is usable;
 * otherwise, and as a safety net, a shutdown hook asks the work to stop and waits for it to finish
 * its commit (the exit code is then the JVM's 130/143, but nothing read is lost).
 */
final class StopSignals implements AutoCloseable {
    private static final long HOOK_WAIT_SECONDS = 60;

    private final Thread hook;
    private final java.util.Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new java.util.HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopSignals(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                previous.put(signal, sun.misc.Signal.handle(signal, s -> stop.run()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // the signal is reserved or unknown here: the shutdown hook below still stops cleanly
            }
        }
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailtrace-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Routes stop signals to {@code stop} until {@link #close}. */
    static StopSignals install(Runnable stop) {
        return new StopSignals(stop);
    }

    /** The work finished: a shutdown hook waiting for it may go on; the hook is removed when possible. */
    @Override
    public void close() {
        finished.countDown();
        previous.forEach((signal, handler) -> {
            try {
                sun.misc.Signal.handle(signal, handler); // a later Ctrl-C ends the process as usual
            } catch (IllegalArgumentException e) {
                // cannot happen for a signal we handled ourselves
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and has just been released
        }
    }
}
