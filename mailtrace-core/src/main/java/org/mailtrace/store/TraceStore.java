package org.mailtrace.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mailtrace.model.MessageTrace;

/**
 * Stores and finds message traces. Implementations: Lucene (embedded, default); OpenSearch later.
 *
 * <p>Contract, checked by {@code TraceStoreContract} for every implementation:
 * <ul>
 *   <li>{@link #commit} is atomic and durable: after it returns, all its upserts, deletes and the
 *       checkpoint, and everything {@link #stage staged} since the previous commit, are visible to
 *       searches and survive a crash; after a crash during it (or before it), none are.</li>
 *   <li>Upserts are keyed by {@link MessageTrace#messageTraceId()}: storing the same trace twice
 *       leaves one copy, the latest.</li>
 *   <li>{@link #search} returns rows newest first ({@code received} descending, ties broken by trace ID
 *       then recipient), never silently capped: {@link TracePage#next()} is non-null whenever more
 *       rows match.</li>
 *   <li>Failures are {@link StoreException}; "not found" is an empty Optional, never an exception.</li>
 *   <li>Safe for concurrent searches while one thread commits.</li>
 * </ul>
 */
public interface TraceStore extends AutoCloseable {

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

    /** The checkpoint of the last commit that carried one; empty for a new store. */
    IngestCheckpoint checkpoint();

    /**
     * One page of rows matching the query.
     *
     * @param cursor null for the first page, else {@link TracePage#next()} of the previous page of the same query
     * @param limit  rows per page, at least 1; no upper cap
     * @throws IllegalArgumentException for a malformed cursor or criterion (bad CIDR...)
     */
    TracePage search(TraceQuery query, String cursor, int limit);

    /** Counts the rows matching the query. */
    long count(TraceQuery query);

    /** One trace with all its events. */
    Optional<MessageTrace> get(String messageTraceId);

    /** Every trace carrying this Message-ID (angle brackets optional), oldest first. */
    List<MessageTrace> findByMessageId(String messageId);

    /** Deletes traces received before the cutoff; returns how many traces were removed. */
    long deleteReceivedBefore(Instant cutoff);

    @Override
    void close();
}
