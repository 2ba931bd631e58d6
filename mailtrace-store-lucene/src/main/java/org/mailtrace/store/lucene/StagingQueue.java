package org.mailtrace.store.lucene;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs staged index writes (building documents, {@code updateDocuments}) in call order on one
 * background thread, so an ingest parses and correlates on one core while the other turns traces
 * into documents. At most {@link #MAX_IN_FLIGHT} batches wait, which bounds the memory they hold
 * and makes a fast producer wait for the indexer. The first failure is kept and reported by
 * {@link #awaitIdle()}: a commit must never make a partial batch durable.
 */
final class StagingQueue implements AutoCloseable {
    /** Work that may fail with any exception; Lucene's write calls throw IOException. */
    interface Work {
        void run() throws Exception;
    }

    static final int MAX_IN_FLIGHT = 2;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mailtrace-indexer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private volatile Exception failure;

    /** Queues the work behind earlier batches; waits while {@link #MAX_IN_FLIGHT} are pending. */
    void submit(Work work) {
        slots.acquireUninterruptibly();
        try {
            thread.execute(() -> {
                try {
                    if (failure == null) {
                        work.run();
                    }
                } catch (Exception | Error e) {
                    if (failure == null) {
                        failure = e instanceof Exception ex ? ex : new RuntimeException(e);
                    }
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            throw rejected;
        }
    }

    /** Waits until every queued batch ran; throws (once) the first failure among them. */
    void awaitIdle() throws Exception {
        slots.acquireUninterruptibly(MAX_IN_FLIGHT);
        slots.release(MAX_IN_FLIGHT);
        Exception e = failure;
        if (e != null) {
            failure = null;
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            // A background commit may be flushing: let it finish rather than close the writer under it.
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                org.slf4j.LoggerFactory.getLogger(StagingQueue.class).warn("closing the store: still waiting for a commit in progress");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
