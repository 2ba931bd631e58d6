package org.mailtrace.store.lucene;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.LoggerFactory;

/**
 * Writes the indexing buffer out as a segment on a thread of its own once it holds more than
 * {@link #thresholdBytes}, while the indexing thread goes on filling a new buffer. Without it the
 * whole buffer was flushed by the commit, on the indexing thread, and a short bulk ingest spent its
 * last seconds there with the reading thread waiting (docs/benchmark.md, "Fourteenth session").
 *
 * <p>A flushed segment is neither durable nor visible until the next commit, and a rollback drops it,
 * so this changes only when the flushing work is done, never what a commit contains.
 */
final class FlushAhead implements AutoCloseable {
    /**
     * Just under the writer's buffer ({@link LiveIndex#RAM_BUFFER_MB}), so the flush happens here
     * rather than on the indexing thread, and segments stay the size they were. Not lower: smaller segments made a 13.8M-line
     * ingest merge while it ran, 5-12% more CPU with 32 or 48 MB (docs/benchmark.md, "Fourteenth session").
     */
    static final long THRESHOLD_BYTES = (LiveIndex.RAM_BUFFER_MB - 4L) << 20;
    /**
     * What {@link #beforeCommit} flushes ahead at least. A live commit (every 100,000 lines, ~7 MB of
     * buffer while catching up) stays one segment; the last commit of a one-shot ingest, which holds
     * up to {@link #THRESHOLD_BYTES}, has most of its flush done beside it.
     */
    static final long COMMIT_MINIMUM_BYTES = 16L << 20;

    /** What log lines start with: the store's data directory. */
    private final String owner;
    private final long thresholdBytes;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mailtrace-flusher");
        t.setDaemon(true);
        return t;
    });

    FlushAhead(String owner, long thresholdBytes) {
        this.owner = owner;
        this.thresholdBytes = thresholdBytes;
    }

    /** Called on the indexing thread after a batch: starts one flush when the buffer passed the threshold. */
    void afterBatch(IndexWriter writer) {
        flushOver(writer, thresholdBytes);
    }

    /**
     * Called by a commit before it adds its own last changes: a buffer worth a segment is flushed
     * here meanwhile, and the commit flushes only what it added. Live commits hold less than that.
     */
    void beforeCommit(IndexWriter writer) {
        flushOver(writer, Math.min(thresholdBytes, COMMIT_MINIMUM_BYTES));
    }

    private void flushOver(IndexWriter writer, long bytes) {
        if (writer.ramBytesUsed() - writer.getFlushingBytes() < bytes
                || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    writer.flushNextBuffer();
                } catch (AlreadyClosedException closed) {
                    // Rolled back or closed meanwhile: what the buffer held is gone with it, as a commit would have found.
                } catch (IOException | RuntimeException e) {
                    // The writer keeps the error (a tragic one closes it): the next commit fails with it and rolls back.
                    LoggerFactory.getLogger(FlushAhead.class).warn("{}: flushing the indexing buffer ahead of the commit failed: {}", owner, e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            running.set(false);
        }
    }

    /** Waits for a flush in progress, so the writer is not closed under it. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
