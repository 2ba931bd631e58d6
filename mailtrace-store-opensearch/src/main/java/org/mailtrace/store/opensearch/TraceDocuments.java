package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.Domains;
import org.mailtrace.model.MailAddress;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.ReplyReasons;
import org.mailtrace.store.StatsCounter;
import org.mailtrace.store.StoreException;

/**
 * Maps a {@link MessageTrace} to its documents: one row document per {@code rows()} element (ID
 * {@code <traceId>#<rowIndex>}) and one trace document (ID {@code <traceId>}), all in the daily
 * index of the trace's received day. IDs are deterministic, so storing a trace again overwrites
 * the same documents.
 */
final class TraceDocuments {
    /** Longer keyword values are indexed cut (Lucene refuses terms over 32,766 bytes); the JSON keeps them whole. */
    private static final int MAX_KEYWORD_CHARS = 4000;

    /** One document to index. */
    record Doc(String index, String id, ObjectNode source) {
    }

    private TraceDocuments() {
    }

    static String rowId(String traceId, int rowIndex) {
        return traceId + "#" + rowIndex;
    }

    static List<Doc> of(MessageTrace trace, TraceIndices names) {
        String index = names.daily(trace.received());
        List<Doc> docs = new ArrayList<>();
        List<TraceRow> rows = trace.rows();
        for (int i = 0; i < rows.size(); i++) {
            docs.add(new Doc(index, rowId(trace.messageTraceId(), i), row(trace, rows.get(i), i)));
        }
        ObjectNode t = common(TraceFields.TRACE, trace);
        t.set(TraceFields.TRACE_SOURCE, TraceJson.mapper().valueToTree(trace));
        docs.add(new Doc(index, trace.messageTraceId(), t));
        return docs;
    }

    private static ObjectNode common(String kind, MessageTrace trace) {
        ObjectNode d = Json.obj(TraceFields.KIND, kind, TraceFields.TRACE_ID, trace.messageTraceId(),
                TraceFields.RECEIVED, DateNanos.format(trace.received()));
        ArrayNode ids = d.putArray(TraceFields.MESSAGE_ID);
        if (trace.messageId() != null) {
            ids.add(bounded(messageIdKey(trace.messageId())));
        }
        for (String alt : trace.alternateMessageIds()) {
            ids.add(bounded(messageIdKey(alt)));
        }
        return d;
    }

    private static ObjectNode row(MessageTrace trace, TraceRow row, int rowIndex) {
        ObjectNode d = common(TraceFields.ROW, trace);
        String recipient = row.recipientAddress() == null ? "" : row.recipientAddress();
        d.put(TraceFields.ROW_INDEX, rowIndex);
        d.put(TraceFields.RECIPIENT_SORT, bounded(recipient));
        Set<String> scope = new LinkedHashSet<>();
        Set<String> senders = new LinkedHashSet<>();
        Set<String> senderDomains = new LinkedHashSet<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> recipientDomains = new LinkedHashSet<>();
        address(row.senderAddress(), senders, senderDomains, scope);
        address(recipient, recipients, recipientDomains, scope);
        // Other names of the same sender and recipient: searchable, never widening a domain scope.
        Set<String> searchOnly = new LinkedHashSet<>();
        for (String s : trace.alternateSenders()) {
            address(s, senders, senderDomains, searchOnly);
        }
        for (String r : row.finalRecipients()) {
            address(r, recipients, recipientDomains, searchOnly);
        }
        d.set(TraceFields.SENDER, Json.arr(senders));
        d.set(TraceFields.SENDER_DOMAIN, Json.arr(senderDomains));
        d.set(TraceFields.RECIPIENT, Json.arr(recipients));
        d.set(TraceFields.RECIPIENT_DOMAIN, Json.arr(recipientDomains));
        d.set(TraceFields.SCOPE_DOMAIN, Json.arr(scope));
        if (row.status() != null) {
            d.put(TraceFields.STATUS, row.status().name());
        }
        if (row.direction() != null) {
            d.put(TraceFields.DIRECTION, row.direction().name());
        }
        IpCriterion.literal(row.fromIp()).ifPresent(a -> d.put(TraceFields.FROM_IP, a.getHostAddress()));
        IpCriterion.literal(row.toIp()).ifPresent(a -> d.put(TraceFields.TO_IP, a.getHostAddress()));
        if (row.subject() != null) {
            d.put(TraceFields.SUBJECT, bounded(row.subject().toLowerCase(Locale.ROOT)));
        }
        putKeyword(d, TraceFields.STAT_SENDER, StatsCounter.senderKey(row.senderAddress()));
        if (!recipient.isEmpty()) {
            putKeyword(d, TraceFields.STAT_RECIPIENT, recipient.toLowerCase(Locale.ROOT));
        }
        putKeyword(d, TraceFields.STAT_DOMAIN, StatsCounter.partnerDomain(row.senderAddress(), row.recipientAddress(), row.direction()));
        putKeyword(d, TraceFields.STAT_REJECT, ReplyReasons.rejectReason(trace, row.recipientAddress()));
        putKeyword(d, TraceFields.STAT_DEFER, ReplyReasons.deferralReason(trace, row.recipientAddress()));
        d.set(TraceFields.ROW_SOURCE, TraceJson.mapper().valueToTree(row));
        return d;
    }

    private static void address(String address, Set<String> values, Set<String> domains, Set<String> scope) {
        values.add(bounded(MailAddress.normalize(address)));
        String domain = MailAddress.domainOf(address);
        if (domain != null) {
            domain = bounded(domain);
            domains.add(domain);
            scope.addAll(Domains.suffixes(domain));
        }
    }

    private static void putKeyword(ObjectNode d, String field, String value) {
        if (value != null && !value.isEmpty()) {
            d.put(field, bounded(value));
        }
    }

    /** A row document's source back to its row. */
    static TraceRow rowOf(JsonNode source) {
        return read(source.path(TraceFields.ROW_SOURCE), TraceRow.class);
    }

    /** A trace document's source back to its trace. */
    static MessageTrace traceOf(JsonNode source) {
        return read(source.path(TraceFields.TRACE_SOURCE), MessageTrace.class);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return TraceJson.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read a stored " + type.getSimpleName() + " from OpenSearch: " + e.getOriginalMessage()
                    + "; the index may have been written by another program", e);
        }
    }

    /** The indexed form of a Message-ID: without angle brackets and surrounding blanks. */
    static String messageIdKey(String messageId) {
        String m = messageId.trim();
        if (m.length() >= 2 && m.startsWith("<") && m.endsWith(">")) {
            m = m.substring(1, m.length() - 1).trim();
        }
        return m;
    }

    static String bounded(String s) {
        if (s.length() <= MAX_KEYWORD_CHARS) {
            return s;
        }
        int end = MAX_KEYWORD_CHARS;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
