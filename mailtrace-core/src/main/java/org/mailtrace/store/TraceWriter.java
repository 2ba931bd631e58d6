package org.mailtrace.store;

import java.time.Instant;
import java.util.Collection;
import org.mailtrace.model.MessageTrace;

/**
 * The ingest side of a trace store: what the pipeline and live ingest write, with the checkpoint
 * that lets an ingest resume where the last commit left off.
 *
 * <p>Contract, checked by {@code TraceStoreContract} for every implementation:
 * <ul>
 *   <li>{@link #commit} is atomic and durable: after it returns, all its upserts, deletes and the
 *       checkpoint, and everything {@link #stage staged} since the previous commit, are visible to
 *       searches and survive a crash; after a crash during it (or before it), none are.</li>
 *   <li>Upserts are keyed by {@link MessageTrace#messageTraceId()}: storing the same trace twice
 *       leaves one copy, the latest.</li>
 *   <li>One writer at a time: a store opened read-only throws {@link StoreException} (saying
 *       "read-only") from every write.</li>
 *   <li>Failures are {@link StoreException}, with a message that says what to do.</li>
 * </ul>
 */
public interface TraceWriter {

    /** Atomically stores traces, removes traces by ID, and records the ingest checkpoint (if non-null). */
    void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint);

    /**
     * Hands traces and deletes to the store ahead of the next {@link #commit}, which applies them
     * atomically with its own (staged deletes and upserts first, in call order). Until then they are
     * neither visible nor durable, and a crash or a failed commit discards them. Lets an ingest drain
     * its correlator often, keeping memory bounded, while committing (and writing its checkpoint)
     * rarely. {@link #deleteReceivedBefore} may only be called with nothing staged.
     */
    void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds);

    /**
     * A {@link #commit} that may finish after it returns, so the caller keeps reading while the store
     * flushes and syncs. It is applied after everything staged or committed before it, in call order,
     * and is all-or-nothing like {@code commit}; the checkpoint (positions and correlator state) is
     * taken before this returns. If it fails, the failure is thrown by the next call that writes or by
     * {@link #awaitCommits}, and every later write fails as well until the store is reopened: a lost
     * commit must never be followed by a durable one that resumes after it. The default commits at once.
     */
    default void commitInBackground(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                                    IngestCheckpoint checkpoint) {
        commit(upserts, deletedTraceIds, checkpoint);
    }

    /** Waits until every {@link #commitInBackground} has finished; throws the failure of one that failed. */
    default void awaitCommits() {
    }

    /**
     * Says that ingest has read everything there was and now waits for new lines (a followed log, a
     * watched directory, the syslog listener): from here on commits are small and frequent, and
     * searches matter more than ingest throughput. A hint with no effect on what is stored or
     * committed; a store may ignore it, and the embedded store then merges its segments harder, so
     * a search opens fewer of them. Called at most once per ingest, from the ingest thread.
     */
    default void caughtUp() {
    }

    /** The checkpoint of the last commit that carried one; empty for a new store. */
    IngestCheckpoint checkpoint();

    /** Deletes traces received before the cutoff, as one commit; returns how many traces were removed. */
    long deleteReceivedBefore(Instant cutoff);
}
