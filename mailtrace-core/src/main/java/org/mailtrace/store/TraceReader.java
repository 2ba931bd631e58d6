package org.mailtrace.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;

/**
 * The read side of a trace store: what the CLI's searches, the REST API, reports and statistics need.
 * Taking this type instead of {@link TraceStore} says the caller never writes.
 *
 * <p>Contract, checked by {@code TraceStoreContract} for every implementation:
 * <ul>
 *   <li>Reads see every commit that returned before they started (a search engine may need a refresh,
 *       which its store does before {@code commit} returns or the contract's {@code awaitVisible} does).</li>
 *   <li>{@link #search} returns rows newest first ({@code received} descending, ties broken by trace ID
 *       then recipient), never silently capped: {@link TracePage#next()} is non-null whenever more
 *       rows match.</li>
 *   <li>Failures are {@link StoreException}; "not found" is an empty Optional, never an exception;
 *       a malformed query value (cursor, CIDR) is an {@link IllegalArgumentException} naming it.</li>
 *   <li>Safe for concurrent calls, also while another thread commits.</li>
 * </ul>
 */
public interface TraceReader {

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
        TraceQuery q = scope.toBuilder().start(start).end(end).build();
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
}
