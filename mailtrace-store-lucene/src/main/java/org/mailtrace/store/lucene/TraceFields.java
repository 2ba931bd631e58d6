package org.mailtrace.store.lucene;

/**
 * The field names of the index, in one place so documents and queries cannot drift apart.
 * Every document has a {@link #KIND}; see docs/store-lucene.md for which kind carries which field.
 */
final class TraceFields {
    /** Document kind: {@link #TRACE}, {@link #ROW}, {@link #CHECKPOINT} or {@link #HOP}. */
    static final String KIND = "kind";
    static final String TRACE = "trace";
    static final String ROW = "row";
    static final String CHECKPOINT = "checkpoint";
    /** A hop record ({@link HopDocuments}): what another ingest process needs to join a relay hop. */
    static final String HOP = "hop";

    /** Hop document: its record's trace ID, the upsert key (not {@link #TRACE_ID}, so deleting a trace keeps its record). */
    static final String HOP_TRACE_ID = "hopTraceId";
    /** Hop document: every queue ID of its record's keys, what a look-up matches. */
    static final String HOP_QUEUE_ID = "hopQueueId";
    /** Hop document: its record's time in epoch nanoseconds, a point only, for retention (not {@link #RECEIVED}: a field keeps one shape in every document). */
    static final String HOP_TIME = "hopTime";
    /** Hop document: the record as JSON. */
    static final String HOP_RECORD = "hopRecord";
    /** On a trace document a hop join wrote: what it was built from ({@link org.mailtrace.store.JoinedTrace#builtFrom}); stored only. */
    static final String JOINED_FROM = "joinedFrom";

    /** The message trace ID: the upsert key of a trace and its rows, and the second sort key. */
    static final String TRACE_ID = "traceId";
    /** Received time in epoch nanoseconds: point for ranges, doc values for sorting. */
    static final String RECEIVED = "received";
    /** The trace as Smile (trace documents only), see {@link StoredTrace}. */
    static final String STORED_TRACE = "traceSmile";
    /** The trace as JSON: what trace documents stored before {@link #STORED_TRACE}; read, no longer written. */
    static final String JSON = "json";
    /** Message-ID without angle brackets (and the trace's alternate Message-IDs). */
    static final String MESSAGE_ID = "messageId";

    /** Lowercased envelope sender (and its alternate forms); the empty string for the null sender. */
    static final String SENDER = "sender";
    /** Lowercased domain of the sender (the part after the last {@code @}). */
    static final String SENDER_DOMAIN = "senderDomain";
    /** Lowercased recipient, and the final recipients it was redirected to. */
    static final String RECIPIENT = "recipient";
    static final String RECIPIENT_DOMAIN = "recipientDomain";
    /** The recipient exactly as stored, for the third sort key. */
    static final String RECIPIENT_SORT = "recipientSort";
    /** Position of the row in {@code MessageTrace.rows()}: last sort key, and where the row sits in its block. */
    static final String ROW_INDEX = "rowIndex";
    /** Every domain suffix of the sender's and the recipient's domain, for scope filtering. */
    static final String SCOPE_DOMAIN = "scopeDomain";

    static final String STATUS = "status";
    static final String DIRECTION = "direction";
    static final String FROM_IP = "fromIp";
    static final String TO_IP = "toIp";
    /** Lowercased subject as one keyword (contains, starts with). */
    static final String SUBJECT = "subject";
    /** Lowercased subject reversed (ends with, as a prefix query). */
    static final String SUBJECT_REVERSED = "subjectReversed";

    /*
     * Doc values of row documents for TraceStore.aggregate (LuceneStats): sorted values counted by
     * ordinal, never read as stored fields. Own names, so an index written before they existed
     * keeps a consistent schema (its rows simply count as having no value).
     */
    static final String STAT_STATUS = "statStatus";
    static final String STAT_DIRECTION = "statDirection";
    /** Lowercased sender, {@code <>} for the null sender. */
    static final String STAT_SENDER = "statSender";
    static final String STAT_RECIPIENT = "statRecipient";
    /** The row's partner domain (StatsCounter.partnerDomain). */
    static final String STAT_DOMAIN = "statDomain";
    /** ReplyReasons of the row's latest REJECT/FAIL and DEFER events. */
    static final String STAT_REJECT = "statReject";
    static final String STAT_DEFER = "statDefer";

    /*
     * Doc values a page of rows is built from (RowViews), so search never reads stored fields. Own
     * names: segments written before they existed have none, and their rows fall back to the JSON.
     */
    /** Trace document: version, row count, size and queue IDs in one binary value. */
    static final String VIEW_TRACE = "viewTrace";
    /** Trace document, sorted: the envelope sender exactly as the trace has it. */
    static final String VIEW_SENDER = "viewSender";
    /** Row document, sorted: the subject as the trace has it (at most 4,000 chars). */
    static final String VIEW_SUBJECT = "viewSubject";
    /** Trace document, sorted: the Message-ID as the trace has it (with brackets). */
    static final String VIEW_MESSAGE_ID = "viewMessageId";
    static final String VIEW_FROM_IP = "viewFromIp";
    /** Trace document, sorted: the host list, encoded by RowViews. */
    static final String VIEW_HOSTS = "viewHosts";
    /** Row document, numeric: present on rows written with the view layout; bit 0 = null recipient. */
    static final String VIEW_ROW = "viewRow";
    /** Row document, sorted: the row's next-hop IP. */
    static final String VIEW_TO_IP = "viewToIp";
    /** Row document, sorted: the row's final recipients (RowViews' list encoding), only when it has any. */
    static final String VIEW_FINAL_RECIPIENTS = "viewFinalRecipients";

    /** The serialised checkpoint (checkpoint document only). */
    static final String CHECKPOINT_JSON = "checkpointJson";

    private TraceFields() {
    }
}
