package org.mailtrace.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;

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

    /**
     * Counts the rows matching {@code scope} received in {@code [start, end)}: a series by status and
     * direction per {@code bucket} from {@code start}, and the {@code top} most frequent senders,
     * recipients, partner domains and refusal reasons (see {@link StoreStats}). The scope's own start
     * and end are ignored. This default reads every matching row and trace (correct, slow); stores
     * override it to count in their index.
     *
     * @throws IllegalArgumentException for an empty range or more than {@link StatsCounter#MAX_BUCKETS} buckets
     */
    default StoreStats aggregate(TraceQuery scope, Instant start, Instant end, Duration bucket, int top) {
        StatsCounter counter = new StatsCounter(start, end, bucket);
        TraceQuery q = new TraceQuery(scope.senders(), scope.recipients(), start, end, scope.statuses(),
                scope.messageId(), scope.messageTraceId(), scope.fromIp(), scope.toIp(), scope.direction(),
                scope.subject(), scope.subjectMatch(), scope.scopeDomains());
        String cursor = null;
        do {
            TracePage page = search(q, cursor, 1000);
            for (TraceRow r : page.rows()) {
                counter.row(counter.bucketOf(r.received()), r.status(), r.direction());
                counter.add(StatsCounter.Top.SENDER, StatsCounter.senderKey(r.senderAddress()), 1);
                counter.add(StatsCounter.Top.RECIPIENT, r.recipientAddress() == null ? null
                        : r.recipientAddress().toLowerCase(java.util.Locale.ROOT), 1);
                counter.add(StatsCounter.Top.DOMAIN, StatsCounter.partnerDomain(r.senderAddress(), r.recipientAddress(), r.direction()), 1);
                Optional<MessageTrace> t = get(r.messageTraceId());
                if (t.isPresent()) {
                    counter.add(StatsCounter.Top.REJECT_REASON, ReplyReasons.rejectReason(t.get(), r.recipientAddress()), 1);
                    counter.add(StatsCounter.Top.DEFERRAL_REASON, ReplyReasons.deferralReason(t.get(), r.recipientAddress()), 1);
                }
            }
            cursor = page.next();
        } while (cursor != null);
        return counter.result(top);
    }

    /** Deletes traces received before the cutoff; returns how many traces were removed. */
    long deleteReceivedBefore(Instant cutoff);

    @Override
    void close();
}
