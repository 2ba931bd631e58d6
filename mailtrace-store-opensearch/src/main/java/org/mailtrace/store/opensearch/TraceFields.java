package org.mailtrace.store.opensearch;

/**
 * Field names of the trace indices, in one place so documents, queries and the index template
 * ({@code trace-index-template.json}) cannot drift apart. See docs/store-opensearch.md.
 */
final class TraceFields {
    /** {@link #TRACE} (one per trace: the whole trace for get) or {@link #ROW} (one per search row). */
    static final String KIND = "kind";
    static final String TRACE = "trace";
    static final String ROW = "row";

    static final String TRACE_ID = "traceId";
    /** date_nanos: the time range, the first sort key, the daily index. */
    static final String RECEIVED = "received";
    static final String ROW_INDEX = "rowIndex";
    /** Without angle brackets; also the alternate Message-IDs. */
    static final String MESSAGE_ID = "messageId";
    static final String SENDER = "sender";
    static final String SENDER_DOMAIN = "senderDomain";
    static final String RECIPIENT = "recipient";
    static final String RECIPIENT_DOMAIN = "recipientDomain";
    /** The recipient exactly as the row has it: the third sort key. */
    static final String RECIPIENT_SORT = "recipientSort";
    static final String SCOPE_DOMAIN = "scopeDomain";
    static final String STATUS = "status";
    static final String DIRECTION = "direction";
    static final String FROM_IP = "fromIp";
    static final String TO_IP = "toIp";
    static final String SUBJECT = "subject";
    static final String STAT_SENDER = "statSender";
    static final String STAT_RECIPIENT = "statRecipient";
    static final String STAT_DOMAIN = "statDomain";
    static final String STAT_REJECT = "statReject";
    static final String STAT_DEFER = "statDefer";
    /** Row documents: the TraceRow as JSON, not indexed; what a page returns. */
    static final String ROW_SOURCE = "row";
    /** Trace documents: the MessageTrace as JSON, not indexed. */
    static final String TRACE_SOURCE = "trace";
    /** On the documents of a trace a hop join wrote: what it was built from ({@link JoinedWrites}); not indexed. */
    static final String JOINED_FROM = "joinedFrom";

    private TraceFields() {
    }
}
