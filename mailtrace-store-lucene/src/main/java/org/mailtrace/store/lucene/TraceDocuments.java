package org.mailtrace.store.lucene;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.model.Domains;
import org.mailtrace.model.MailAddress;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.ReplyReasons;
import org.mailtrace.store.StatsCounter;

/**
 * Maps a {@link MessageTrace} to its Lucene documents.
 *
 * <p>A trace becomes one block: a "row" document per recipient, then one "trace" document.
 * Only the trace document stores anything (the whole trace, {@link StoredTrace}, for {@code get}); row
 * documents are index and doc values only. Page rows are built from doc values ({@link RowViews},
 * {@link PageRows}), so the block must stay contiguous with the trace document last.
 */
final class TraceDocuments {
    /**
     * Lucene refuses keyword terms over 32766 bytes (a whole commit would fail on one absurd log
     * value); longer keywords are indexed truncated, at most 3 bytes per char. The stored JSON keeps them whole.
     */
    private static final int MAX_KEYWORD_CHARS = 4000;
    /** The kinds as terms, made once: every document has one (Lucene only reads a field's bytes). */
    private static final BytesRef TRACE_KIND = new BytesRef(TraceFields.TRACE);
    private static final BytesRef ROW_KIND = new BytesRef(TraceFields.ROW);

    private TraceDocuments() {
    }

    /** The documents of one trace, rows first and the trace document last. */
    static List<Document> toDocuments(MessageTrace trace) {
        List<Document> docs = new ArrayList<>();
        List<TraceRow> rows = trace.rows();
        for (int i = 0; i < rows.size(); i++) {
            docs.add(rowDocument(trace, rows.get(i), i));
        }
        docs.add(traceDocument(trace));
        return docs;
    }

    /** The documents of a joined trace: its trace document also keeps what the join was built from. */
    static List<Document> toDocuments(org.mailtrace.store.JoinedTrace joined) {
        List<Document> docs = toDocuments(joined.trace());
        docs.get(docs.size() - 1).add(new org.apache.lucene.document.StoredField(TraceFields.JOINED_FROM, joined.builtFrom()));
        return docs;
    }

    private static Document traceDocument(MessageTrace trace) {
        Document doc = new Document();
        doc.add(new StringField(TraceFields.KIND, TRACE_KIND, Field.Store.NO));
        addCommon(doc, trace.messageTraceId(), TimeKeys.nanos(trace.received()),
                trace.messageId());
        addAlternateMessageIds(doc, trace);
        doc.add(StoredTrace.field(trace));
        RowViews.addToTrace(doc, trace);
        return doc;
    }

    private static Document rowDocument(MessageTrace trace, TraceRow row, int rowIndex) {
        Document doc = new Document();
        doc.add(new StringField(TraceFields.KIND, ROW_KIND, Field.Store.NO));
        addCommon(doc, row.messageTraceId(), TimeKeys.nanos(row.received()), row.messageId());
        addAlternateMessageIds(doc, trace);
        String recipient = row.recipientAddress() == null ? "" : row.recipientAddress();
        doc.add(new SortedDocValuesField(TraceFields.RECIPIENT_SORT, Utf8Terms.of(recipient)));
        doc.add(new NumericDocValuesField(TraceFields.ROW_INDEX, rowIndex));

        Set<String> scope = new LinkedHashSet<>();
        addAddress(doc, row.senderAddress(), TraceFields.SENDER, TraceFields.SENDER_DOMAIN, scope);
        addAddress(doc, recipient, TraceFields.RECIPIENT, TraceFields.RECIPIENT_DOMAIN, scope);
        for (String domain : scope) {
            doc.add(new StringField(TraceFields.SCOPE_DOMAIN, Utf8Terms.of(domain), Field.Store.NO));
        }
        // Other names of the same sender and recipient: searchable, but never widening a domain scope.
        Set<String> searchOnly = trace.alternateSenders().isEmpty() && row.finalRecipients().isEmpty()
                ? Set.of() : new LinkedHashSet<>();
        for (String sender : trace.alternateSenders()) {
            addAddress(doc, sender, TraceFields.SENDER, TraceFields.SENDER_DOMAIN, searchOnly);
        }
        for (String finalRecipient : row.finalRecipients()) {
            addAddress(doc, finalRecipient, TraceFields.RECIPIENT, TraceFields.RECIPIENT_DOMAIN, searchOnly);
        }
        if (row.status() != null) {
            doc.add(new StringField(TraceFields.STATUS, Utf8Terms.of(row.status().name()), Field.Store.NO));
        }
        if (row.direction() != null) {
            doc.add(new StringField(TraceFields.DIRECTION, Utf8Terms.of(row.direction().name()), Field.Store.NO));
        }
        addIp(doc, TraceFields.FROM_IP, row.fromIp());
        addIp(doc, TraceFields.TO_IP, row.toIp());
        if (row.subject() != null) {
            String subject = subjectKey(row.subject());
            doc.add(new StringField(TraceFields.SUBJECT, Utf8Terms.of(subject), Field.Store.NO));
            doc.add(new StringField(TraceFields.SUBJECT_REVERSED, Utf8Terms.of(reverse(subject)), Field.Store.NO));
        }
        addStats(doc, trace, row);
        RowViews.addToRow(doc, row);
        return doc;
    }

    /** The doc values {@link LuceneStats} counts; the reasons are computed once here, at write time. */
    private static void addStats(Document doc, MessageTrace trace, TraceRow row) {
        if (row.status() != null) {
            addKeyword(doc, TraceFields.STAT_STATUS, row.status().name());
        }
        if (row.direction() != null) {
            addKeyword(doc, TraceFields.STAT_DIRECTION, row.direction().name());
        }
        addKeyword(doc, TraceFields.STAT_SENDER, StatsCounter.senderKey(row.senderAddress()));
        if (row.recipientAddress() != null && !row.recipientAddress().isEmpty()) {
            addKeyword(doc, TraceFields.STAT_RECIPIENT, row.recipientAddress().toLowerCase(Locale.ROOT));
        }
        addKeyword(doc, TraceFields.STAT_DOMAIN, StatsCounter.partnerDomain(row.senderAddress(), row.recipientAddress(), row.direction()));
        addKeyword(doc, TraceFields.STAT_REJECT, ReplyReasons.rejectReason(trace, row.recipientAddress()));
        addKeyword(doc, TraceFields.STAT_DEFER, ReplyReasons.deferralReason(trace, row.recipientAddress()));
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new SortedDocValuesField(field, Utf8Terms.of(bounded(value))));
        }
    }

    private static void addCommon(Document doc, String traceId, long receivedNanos, String messageId) {
        BytesRef id = Utf8Terms.of(traceId);
        doc.add(new StringField(TraceFields.TRACE_ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(TraceFields.TRACE_ID, id));
        doc.add(new LongPoint(TraceFields.RECEIVED, receivedNanos));
        doc.add(new NumericDocValuesField(TraceFields.RECEIVED, receivedNanos));
        if (messageId != null) {
            doc.add(new StringField(TraceFields.MESSAGE_ID, Utf8Terms.of(bounded(messageIdKey(messageId))), Field.Store.NO));
        }
    }

    private static void addAlternateMessageIds(Document doc, MessageTrace trace) {
        for (String id : trace.alternateMessageIds()) {
            doc.add(new StringField(TraceFields.MESSAGE_ID, Utf8Terms.of(bounded(messageIdKey(id))), Field.Store.NO));
        }
    }

    private static void addAddress(Document doc, String address, String field, String domainField, Set<String> scope) {
        doc.add(new StringField(field, Utf8Terms.of(bounded(MailAddress.normalize(address))), Field.Store.NO));
        String domain = MailAddress.domainOf(address);
        if (domain != null) {
            domain = bounded(domain);
            doc.add(new StringField(domainField, Utf8Terms.of(domain), Field.Store.NO));
            scope.addAll(Domains.suffixes(domain));
        }
    }

    private static void addIp(Document doc, String field, String ip) {
        IpCriteria.parseLiteral(ip).ifPresent((InetAddress a) -> doc.add(new InetAddressPoint(field, a)));
    }

    /** The indexed form of a Message-ID: without surrounding angle brackets and blanks. */
    static String messageIdKey(String messageId) {
        String m = messageId.trim();
        if (m.startsWith("<") && m.endsWith(">") && m.length() >= 2) {
            m = m.substring(1, m.length() - 1).trim();
        }
        return m;
    }

    /** The indexed form of a subject: lowercased and bounded. */
    static String subjectKey(String subject) {
        return bounded(subject.toLowerCase(Locale.ROOT));
    }

    /** Truncates to a length Lucene accepts as one term, without splitting a surrogate pair. */
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

    /** Reverses by code point, so surrogate pairs survive. */
    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
