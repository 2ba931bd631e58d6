package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mailtrace.model.Domains;
import org.mailtrace.store.TraceQuery;

/**
 * Translates a {@link TraceQuery} into the query DSL over row documents: every criterion one
 * {@code filter} clause (nothing is scored), the values of one list a {@code should} inside it,
 * in the order of {@link TraceQuery}'s components.
 */
final class TraceQueries {
    /** Newest first, then trace ID, recipient and row index: a total order, so paging is exact. */
    static final ArrayNode ROW_ORDER = Json.arr(
            Json.obj(TraceFields.RECEIVED, "desc"),
            Json.obj(TraceFields.TRACE_ID, "asc"),
            Json.obj(TraceFields.RECIPIENT_SORT, "asc"),
            Json.obj(TraceFields.ROW_INDEX, "asc"));

    /** Oldest first, for findByMessageId. */
    static final ArrayNode TRACE_ORDER = Json.arr(
            Json.obj(TraceFields.RECEIVED, "asc"),
            Json.obj(TraceFields.TRACE_ID, "asc"));

    private TraceQueries() {
    }

    /** @throws IllegalArgumentException for a bad IP or CIDR */
    static JsonNode rows(TraceQuery q) {
        return rows(q, q.start(), q.end());
    }

    /** Every criterion of the query, received in {@code [start, end)} instead of its own range (null: open). */
    static JsonNode rows(TraceQuery q, Instant start, Instant end) {
        List<JsonNode> f = new ArrayList<>();
        f.add(Json.term(TraceFields.KIND, TraceFields.ROW));
        anyOf(f, q.senders(), p -> Addresses.query(p, TraceFields.SENDER, TraceFields.SENDER_DOMAIN));
        anyOf(f, q.recipients(), p -> Addresses.query(p, TraceFields.RECIPIENT, TraceFields.RECIPIENT_DOMAIN));
        if (!q.statuses().isEmpty()) {
            f.add(Json.terms(TraceFields.STATUS, q.statuses().stream().map(Enum::name).sorted().toList()));
        }
        if (isGiven(q.messageId())) {
            f.add(Json.term(TraceFields.MESSAGE_ID, TraceDocuments.messageIdKey(q.messageId())));
        }
        if (isGiven(q.messageTraceId())) {
            f.add(Json.term(TraceFields.TRACE_ID, q.messageTraceId().trim()));
        }
        if (isGiven(q.fromIp())) {
            f.add(Json.term(TraceFields.FROM_IP, IpCriterion.term("fromIp", q.fromIp())));
        }
        if (isGiven(q.toIp())) {
            f.add(Json.term(TraceFields.TO_IP, IpCriterion.term("toIp", q.toIp())));
        }
        if (q.direction() != null) {
            f.add(Json.term(TraceFields.DIRECTION, q.direction().name()));
        }
        if (q.subject() != null && !q.subject().isEmpty()) {
            String s = Addresses.literal(q.subject().toLowerCase(Locale.ROOT));
            f.add(Json.wildcard(TraceFields.SUBJECT, switch (q.subjectMatch()) {
                case STARTSWITH -> s + "*";
                case ENDSWITH -> "*" + s;
                case CONTAINS -> "*" + s + "*";
            }));
        }
        if (!q.scopeDomains().isEmpty()) {
            f.add(Json.terms(TraceFields.SCOPE_DOMAIN, Domains.scopeTerms(q.scopeDomains())));
        }
        if (start != null || end != null) {
            f.add(received(start, end));
        }
        return Json.filter(f);
    }

    /** Received in {@code [start, end)}; either may be null. */
    static ObjectNode received(Instant start, Instant end) {
        ObjectNode range = Json.obj("format", "strict_date_optional_time_nanos");
        if (start != null) {
            range.put("gte", DateNanos.bound(start));
        }
        if (end != null) {
            range.put("lt", DateNanos.bound(end));
        }
        return Json.obj("range", Json.obj(TraceFields.RECEIVED, range));
    }

    static JsonNode trace(String traceId) {
        return Json.filter(List.of(Json.term(TraceFields.KIND, TraceFields.TRACE), Json.term(TraceFields.TRACE_ID, traceId)));
    }

    static JsonNode tracesWithMessageId(String messageId) {
        return Json.filter(List.of(Json.term(TraceFields.KIND, TraceFields.TRACE),
                Json.term(TraceFields.MESSAGE_ID, TraceDocuments.messageIdKey(messageId))));
    }

    /** Trace documents received before the cutoff (what deleteReceivedBefore counts). */
    static JsonNode tracesBefore(Instant cutoff) {
        return Json.filter(List.of(Json.term(TraceFields.KIND, TraceFields.TRACE), received(null, cutoff)));
    }

    private static void anyOf(List<JsonNode> f, List<String> patterns, Function<String, JsonNode> each) {
        if (!patterns.isEmpty()) {
            f.add(Json.anyOf(patterns.stream().map(each).toList()));
        }
    }

    private static boolean isGiven(String s) {
        return s != null && !s.isBlank();
    }
}
