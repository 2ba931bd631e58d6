package org.mailtrace.store.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;

/**
 * Builds the rows of a page from doc values ({@link RowViews}), never from stored fields: reading
 * a trace's stored JSON costs a DEFLATE block decompression plus a parse, ~0.4 ms per row, while
 * the doc values of a row cost microseconds.
 *
 * <p>How a row finds its trace's values: a trace is written as one block (its rows, then its trace
 * document) and blocks stay contiguous through merges, so the trace document of a row is the first
 * document after it that has a {@link TraceFields#VIEW_TRACE} value. That is checked, never
 * trusted: its trace ID must be the row's and its distance must match the row count and index.
 * Hits are read per segment in doc ID order (doc values iterate forwards only), then put back in
 * page order. Rows written before these doc values existed are rebuilt from the stored JSON.
 */
final class PageRows {

    private PageRows() {
    }

    /** The rows of the first {@code count} hits, in hit order; hits carry the ROW_ORDER sort values. */
    static List<TraceRow> of(IndexSearcher s, ScoreDoc[] hits, int count) throws IOException {
        TraceRow[] rows = new TraceRow[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        List<Integer> fromJson = new ArrayList<>();
        int at = 0;
        while (at < count) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[order[at]].doc, leaves));
            int end = at;
            while (end < count && hits[order[end]].doc < leaf.docBase + leaf.reader().maxDoc()) {
                end++;
            }
            new LeafViews(leaf).read(hits, order, at, end, rows, fromJson);
            at = end;
        }
        if (!fromJson.isEmpty()) {
            rowsFromJson(s, hits, fromJson, rows);
        }
        return Arrays.asList(rows);
    }

    /** The doc values of one segment, read forwards. */
    private static final class LeafViews {
        private final int docBase;
        private final int maxDoc;
        private final BinaryDocValues traceView;
        private final NumericDocValues rowView;
        private final SortedDocValues traceIds;
        private final SortedDocValues sender;
        private final SortedDocValues subject;
        private final SortedDocValues messageId;
        private final SortedDocValues fromIp;
        private final SortedDocValues hosts;
        private final SortedDocValues status;
        private final SortedDocValues direction;
        private final SortedDocValues toIp;
        private final SortedDocValues finalRecipients;
        private int cachedTraceDoc = -1;
        private String cachedTraceId;
        private TraceRow cachedShared;
        private RowViews.TraceView cachedView;

        LeafViews(LeafReaderContext leaf) throws IOException {
            LeafReader r = leaf.reader();
            docBase = leaf.docBase;
            maxDoc = r.maxDoc();
            traceView = r.getBinaryDocValues(TraceFields.VIEW_TRACE);
            rowView = r.getNumericDocValues(TraceFields.VIEW_ROW);
            traceIds = DocValues.getSorted(r, TraceFields.TRACE_ID);
            sender = DocValues.getSorted(r, TraceFields.VIEW_SENDER);
            subject = DocValues.getSorted(r, TraceFields.VIEW_SUBJECT);
            messageId = DocValues.getSorted(r, TraceFields.VIEW_MESSAGE_ID);
            fromIp = DocValues.getSorted(r, TraceFields.VIEW_FROM_IP);
            hosts = DocValues.getSorted(r, TraceFields.VIEW_HOSTS);
            status = DocValues.getSorted(r, TraceFields.STAT_STATUS);
            direction = DocValues.getSorted(r, TraceFields.STAT_DIRECTION);
            toIp = DocValues.getSorted(r, TraceFields.VIEW_TO_IP);
            finalRecipients = DocValues.getSorted(r, TraceFields.VIEW_FINAL_RECIPIENTS);
        }

        void read(ScoreDoc[] hits, Integer[] order, int from, int to, TraceRow[] rows, List<Integer> fromJson)
                throws IOException {
            for (int k = from; k < to; k++) {
                int i = order[k];
                int rowDoc = hits[i].doc - docBase;
                if (traceView == null || rowView == null || !rowView.advanceExact(rowDoc)) {
                    fromJson.add(i);
                    continue;
                }
                TraceRow row = row((FieldDoc) hits[i], rowDoc);
                if (row == null) {
                    fromJson.add(i);
                } else {
                    rows[i] = row;
                }
            }
        }

        /** The row, or null when its trace keeps a value only in the JSON. */
        private TraceRow row(FieldDoc hit, int rowDoc) throws IOException {
            PageCursor key = PageCursor.after(hit);
            int traceDoc;
            if (traceView.docID() > rowDoc) {
                traceDoc = traceView.docID();
            } else {
                traceDoc = rowDoc + 1 < maxDoc ? traceView.advance(rowDoc + 1) : DocIdSetIterator.NO_MORE_DOCS;
            }
            if (traceDoc != cachedTraceDoc) {
                if (traceDoc == DocIdSetIterator.NO_MORE_DOCS || !traceIds.advanceExact(traceDoc)) {
                    throw damaged(key, "no trace document follows it");
                }
                cachedTraceId = traceIds.lookupOrd(traceIds.ordValue()).utf8ToString();
                cachedTraceDoc = traceDoc;
                cachedView = null;
                if (cachedTraceId.equals(key.traceId())) {
                    cachedView = RowViews.decodeTrace(traceView.binaryValue(), key.traceId());
                    cachedShared = cachedView.needsJson() ? null : shared(traceDoc, key.traceId());
                }
            }
            if (!cachedTraceId.equals(key.traceId())) {
                throw damaged(key, "the trace document after it belongs to " + cachedTraceId);
            }
            RowViews.TraceView view = cachedView;
            if (key.rowIndex() >= view.rowCount() || traceDoc - rowDoc != view.rowCount() - key.rowIndex()) {
                throw damaged(key, "the trace has " + view.rowCount() + " rows at distance " + (traceDoc - rowDoc));
            }
            if (view.needsJson()) {
                return null;
            }
            TraceRow t = cachedShared;
            String recipient = (rowView.longValue() & RowViews.RECIPIENT_NULL) != 0 ? null : key.recipient();
            String statusName = text(status, rowDoc);
            String directionName = text(direction, rowDoc);
            return new TraceRow(Instant.EPOCH.plusNanos(key.receivedNanos()), t.senderAddress(), recipient,
                    text(subject, rowDoc), statusName == null ? null : DeliveryStatus.valueOf(statusName), t.messageId(),
                    key.traceId(), t.fromIp(), text(toIp, rowDoc), t.size(),
                    directionName == null ? null : Direction.valueOf(directionName), t.hosts(), t.queueIds(),
                    finalRecipients.advanceExact(rowDoc)
                            ? RowViews.decodeFinalRecipients(finalRecipients.lookupOrd(finalRecipients.ordValue()))
                            : List.of());
        }

        /** The trace's shared values, as a row without the per-recipient ones. */
        private TraceRow shared(int traceDoc, String traceId) throws IOException {
            List<String> hostList = hosts.advanceExact(traceDoc)
                    ? RowViews.decodeHosts(hosts.lookupOrd(hosts.ordValue())) : List.of();
            return new TraceRow(null, text(sender, traceDoc), null, null, null,
                    text(messageId, traceDoc), traceId, text(fromIp, traceDoc), null, cachedView.size(), null,
                    hostList, cachedView.queueIds());
        }

        private static String text(SortedDocValues values, int doc) throws IOException {
            return values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : null;
        }
    }

    private static IllegalStateException damaged(PageCursor key, String why) {
        return new IllegalStateException(key.traceId() + ": row " + key.rowIndex() + ": " + why
                + "; the index is damaged, re-ingest into a new data directory");
    }

    /**
     * The old way, for rows without doc values: each distinct trace's JSON is read once, found with
     * one query and read in doc ID order, so traces sharing a compressed block decompress it once.
     */
    private static void rowsFromJson(IndexSearcher s, ScoreDoc[] hits, List<Integer> which, TraceRow[] rows)
            throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (int i : which) {
            ids.add(PageCursor.after((FieldDoc) hits[i]).traceId());
        }
        Map<String, MessageTrace> traces = new HashMap<>();
        ScoreDoc[] docs = s.search(LuceneQueries.traces(ids), ids.size()).scoreDocs;
        Arrays.sort(docs, Comparator.comparingInt(d -> d.doc));
        StoredFields stored = s.storedFields();
        for (ScoreDoc d : docs) {
            MessageTrace t = StoredTrace.read(stored.document(d.doc, StoredTrace.FIELDS));
            traces.put(t.messageTraceId(), t);
        }
        for (int i : which) {
            PageCursor key = PageCursor.after((FieldDoc) hits[i]);
            MessageTrace trace = traces.get(key.traceId());
            if (trace == null || key.rowIndex() >= trace.rows().size()) {
                throw damaged(key, "no trace document");
            }
            rows[i] = trace.rows().get(key.rowIndex());
        }
    }
}
