package org.mailtrace.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.model.Domains;
import org.mailtrace.store.TraceQuery;

/**
 * Translates a {@link TraceQuery} into a Lucene query over row documents. Every criterion becomes
 * one FILTER clause (no scoring is ever needed); the values of one list become SHOULD clauses or a
 * term set inside it. Criteria are listed in the order of {@link TraceQuery}'s components.
 */
final class LuceneQueries {
    /** Newest first, then trace ID, recipient and row index: a total order, so paging is exact. */
    static final Sort ROW_ORDER = new Sort(
            new SortField(TraceFields.RECEIVED, SortField.Type.LONG, true),
            new SortField(TraceFields.TRACE_ID, SortField.Type.STRING),
            new SortField(TraceFields.RECIPIENT_SORT, SortField.Type.STRING),
            new SortField(TraceFields.ROW_INDEX, SortField.Type.LONG));

    /** Oldest first, for findByMessageId. */
    static final Sort TRACE_ORDER = new Sort(
            new SortField(TraceFields.RECEIVED, SortField.Type.LONG),
            new SortField(TraceFields.TRACE_ID, SortField.Type.STRING));

    private LuceneQueries() {
    }

    /** @throws IllegalArgumentException for a bad IP or CIDR */
    static Query rows(TraceQuery q) {
        long from = q.start() == null ? Long.MIN_VALUE : TimeKeys.nanos(q.start());
        long to = q.end() == null ? Long.MAX_VALUE : TimeKeys.nanos(q.end()) - 1;
        return rows(q, from, to);
    }

    /**
     * The rows matching every criterion of the query but its time range, received within
     * {@code [fromNanos, toNanos]} instead (the caller narrows the query's own range).
     */
    static Query rows(TraceQuery q, long fromNanos, long toNanos) {
        return within(criteria(q, false), fromNanos, toNanos);
    }

    /** The rows of {@link #criteria} received within {@code [fromNanos, toNanos]}. */
    static Query within(Query criteria, long fromNanos, long toNanos) {
        if (fromNanos == Long.MIN_VALUE && toNanos == Long.MAX_VALUE) {
            return criteria;
        }
        return new BooleanQuery.Builder()
                .add(criteria, Occur.FILTER)
                .add(receivedRange(fromNanos, toNanos), Occur.FILTER)
                .build();
    }

    /**
     * Every criterion of the query but its time range.
     *
     * @param forPage true for a newest-first page search: subject "contains" then becomes a
     *                {@link SubjectContainsQuery}, which keeps per-search state (build it once per
     *                search); false (counting every hit) keeps the wildcard term query
     */
    static Query criteria(TraceQuery q, boolean forPage) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(kind(TraceFields.ROW), Occur.FILTER);
        anyOf(b, q.senders(), p -> AddressPatterns.query(p, TraceFields.SENDER, TraceFields.SENDER_DOMAIN));
        anyOf(b, q.recipients(), p -> AddressPatterns.query(p, TraceFields.RECIPIENT, TraceFields.RECIPIENT_DOMAIN));
        if (!q.statuses().isEmpty()) {
            b.add(termSet(TraceFields.STATUS, q.statuses().stream().map(Enum::name).toList()), Occur.FILTER);
        }
        if (isGiven(q.messageId())) {
            b.add(new TermQuery(new Term(TraceFields.MESSAGE_ID, TraceDocuments.messageIdKey(q.messageId()))), Occur.FILTER);
        }
        if (isGiven(q.messageTraceId())) {
            b.add(new TermQuery(new Term(TraceFields.TRACE_ID, q.messageTraceId().trim())), Occur.FILTER);
        }
        if (isGiven(q.fromIp())) {
            b.add(IpCriteria.query("fromIp", TraceFields.FROM_IP, q.fromIp()), Occur.FILTER);
        }
        if (isGiven(q.toIp())) {
            b.add(IpCriteria.query("toIp", TraceFields.TO_IP, q.toIp()), Occur.FILTER);
        }
        if (q.direction() != null) {
            b.add(new TermQuery(new Term(TraceFields.DIRECTION, q.direction().name())), Occur.FILTER);
        }
        if (q.subject() != null && !q.subject().isEmpty()) {
            b.add(subject(q.subject(), q.subjectMatch(), forPage), Occur.FILTER);
        }
        if (!q.scopeDomains().isEmpty()) {
            b.add(termSet(TraceFields.SCOPE_DOMAIN, Domains.scopeTerms(q.scopeDomains())), Occur.FILTER);
        }
        return b.build();
    }

    /** Trace documents received before the cutoff (rows share the received value, see deleteBefore). */
    static Query tracesReceivedBefore(long cutoffNanos) {
        return new BooleanQuery.Builder()
                .add(kind(TraceFields.TRACE), Occur.FILTER)
                .add(receivedBefore(cutoffNanos), Occur.FILTER)
                .build();
    }

    /** Trace and row documents received before the cutoff; never the checkpoint, which has no time. */
    static Query receivedBefore(long cutoffNanos) {
        return cutoffNanos == Long.MIN_VALUE
                ? LongPoint.newSetQuery(TraceFields.RECEIVED)
                : LongPoint.newRangeQuery(TraceFields.RECEIVED, Long.MIN_VALUE, cutoffNanos - 1);
    }

    static Query trace(String traceId) {
        return new BooleanQuery.Builder()
                .add(kind(TraceFields.TRACE), Occur.FILTER)
                .add(new TermQuery(new Term(TraceFields.TRACE_ID, traceId)), Occur.FILTER)
                .build();
    }

    /** The trace documents of these trace IDs. */
    static Query traces(java.util.Collection<String> traceIds) {
        return new BooleanQuery.Builder()
                .add(kind(TraceFields.TRACE), Occur.FILTER)
                .add(termSet(TraceFields.TRACE_ID, List.copyOf(traceIds)), Occur.FILTER)
                .build();
    }

    static Query tracesWithMessageId(String messageId) {
        return new BooleanQuery.Builder()
                .add(kind(TraceFields.TRACE), Occur.FILTER)
                .add(new TermQuery(new Term(TraceFields.MESSAGE_ID, TraceDocuments.messageIdKey(messageId))), Occur.FILTER)
                .build();
    }

    static Query kind(String kind) {
        return new TermQuery(new Term(TraceFields.KIND, kind));
    }

    /**
     * Points when the range leads the search, doc values when a selective criterion (a recipient,
     * a Message-ID) leads and only a few candidates need checking.
     */
    private static Query receivedRange(long from, long to) {
        return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(TraceFields.RECEIVED, from, to),
                NumericDocValuesField.newSlowRangeQuery(TraceFields.RECEIVED, from, to));
    }

    private static Query subject(String text, TraceQuery.SubjectMatch match, boolean forPage) {
        String s = text.toLowerCase(Locale.ROOT);
        return switch (match) {
            case STARTSWITH -> new PrefixQuery(new Term(TraceFields.SUBJECT, s));
            case ENDSWITH -> new PrefixQuery(new Term(TraceFields.SUBJECT_REVERSED, TraceDocuments.reverse(s)));
            case CONTAINS -> forPage ? new SubjectContainsQuery(s) : subjectWildcard(s);
        };
    }

    /** Subject contains as a wildcard over the indexed subject terms. */
    static Query subjectWildcard(String lowercased) {
        return new WildcardQuery(new Term(TraceFields.SUBJECT, "*" + AddressPatterns.escapeAll(lowercased) + "*"));
    }

    private static void anyOf(BooleanQuery.Builder b, List<String> patterns, Function<String, Query> each) {
        if (patterns.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String p : patterns) {
            any.add(each.apply(p), Occur.SHOULD);
        }
        b.add(any.setMinimumNumberShouldMatch(1).build(), Occur.FILTER);
    }

    private static Query termSet(String field, List<String> values) {
        List<BytesRef> terms = new ArrayList<>();
        for (String v : values) {
            terms.add(new BytesRef(v));
        }
        return new TermInSetQuery(field, terms);
    }

    private static boolean isGiven(String s) {
        return s != null && !s.isBlank();
    }
}
