package org.mailtrace.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes traces received more than the retention period before "now", where now is the newest
 * log time known (the newest line read, or the newest trace stored), never later than the clock:
 * on a live server that is the present, for an archive its own last days stay searchable.
 *
 * <p>A purge is one store call, which the store runs as one commit: a crash during it leaves the
 * store as it was, and the purge simply runs again at the next start. Searches are never blocked
 * (they read the last commit); ingest commits wait on {@code writes} for the length of one purge
 * commit, because the store contract promises concurrent searches, not concurrent writers.
 */
final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final TraceStore store;
    private final Lock writes;
    private final Duration retention;
    private final Clock clock;
    private final Supplier<Instant> newestRead;
    private final AtomicLong purged = new AtomicLong();

    RetentionPurge(TraceStore store, Lock writes, Duration retention, Clock clock, Supplier<Instant> newestRead) {
        this.store = store;
        this.writes = writes;
        this.retention = retention;
        this.clock = clock;
        this.newestRead = newestRead;
    }

    boolean enabled() {
        return retention != null && !retention.isZero() && !retention.isNegative();
    }

    /** Purges once; returns the traces removed. */
    long runOnce() {
        if (!enabled()) {
            return 0;
        }
        Instant reference = reference();
        if (reference == null) {
            return 0;
        }
        long n;
        writes.lock();
        try {
            n = store.deleteReceivedBefore(reference.minus(retention));
        } finally {
            writes.unlock();
        }
        purged.addAndGet(n);
        return n;
    }

    /** Traces removed by every run so far. */
    long purged() {
        return purged.get();
    }

    /**
     * Runs now and then every {@code period} on a daemon thread; a failed run is logged and retried at
     * the next period. Stop the returned executor with {@code shutdown()} (not {@code shutdownNow()}:
     * interrupting a thread inside a store write can break the store's files).
     */
    ScheduledExecutorService startPeriodic(Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailtrace-retention-purge");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                long n = runOnce();
                if (n > 0) {
                    LOG.info("retention: purged {} traces received more than {} before the newest log time", n, retention);
                }
            } catch (RuntimeException e) { // StoreException included: the next period retries
                LOG.warn("retention: purge failed, will retry in {}: {}", period, e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    private Instant reference() {
        Instant newest = newestRead.get();
        List<TraceRow> top = store.search(TraceQuery.all(), null, 1).rows();
        if (!top.isEmpty() && (newest == null || top.get(0).received().isAfter(newest))) {
            newest = top.get(0).received();
        }
        if (newest == null) {
            return null;
        }
        Instant now = clock.instant();
        return newest.isBefore(now) ? newest : now;
    }
}
