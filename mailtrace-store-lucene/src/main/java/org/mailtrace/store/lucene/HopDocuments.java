package org.mailtrace.store.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.HopRecord;

/**
 * Hop records ({@link org.mailtrace.store.HopDirectory}) as documents of kind {@link TraceFields#HOP}
 * in the trace index, so they commit atomically with the traces they belong to. No row, trace or
 * checkpoint query matches them (each filters on its kind); retention deletes them by
 * {@link TraceFields#HOP_TIME} with the traces of their time.
 */
final class HopDocuments {
    private HopDocuments() {
    }

    static void upsert(IndexWriter writer, Collection<HopRecord> records) throws java.io.IOException {
        for (HopRecord r : records) {
            writer.updateDocument(new Term(TraceFields.HOP_TRACE_ID, r.traceId()), toDocument(r));
        }
    }

    static Document toDocument(HopRecord r) {
        Document doc = new Document();
        doc.add(new StringField(TraceFields.KIND, TraceFields.HOP, Field.Store.NO));
        doc.add(new StringField(TraceFields.HOP_TRACE_ID, r.traceId(), Field.Store.NO));
        for (String q : r.queueIds()) {
            doc.add(new StringField(TraceFields.HOP_QUEUE_ID, q, Field.Store.NO));
        }
        doc.add(new LongPoint(TraceFields.HOP_TIME, TimeKeys.nanos(r.time())));
        try {
            doc.add(new StoredField(TraceFields.HOP_RECORD, new BytesRef(TraceJson.mapper().writeValueAsBytes(r))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(r.traceId() + ": cannot serialise the hop record: " + e.getOriginalMessage(), e);
        }
        return doc;
    }

    /** Hop documents of records older than the cutoff. */
    static Query before(long cutoffNanos) {
        return cutoffNanos == Long.MIN_VALUE
                ? LongPoint.newSetQuery(TraceFields.HOP_TIME)
                : LongPoint.newRangeQuery(TraceFields.HOP_TIME, Long.MIN_VALUE, cutoffNanos - 1);
    }

    static Query withQueueIds(Collection<String> queueIds) {
        List<BytesRef> terms = new ArrayList<>();
        for (String q : queueIds) {
            terms.add(new BytesRef(q));
        }
        return new BooleanQuery.Builder()
                .add(LuceneQueries.kind(TraceFields.HOP), Occur.FILTER)
                .add(new TermInSetQuery(TraceFields.HOP_QUEUE_ID, terms), Occur.FILTER)
                .build();
    }

    static List<HopRecord> find(IndexSearcher s, Collection<String> queueIds) throws java.io.IOException {
        if (queueIds.isEmpty()) {
            return List.of();
        }
        Query q = withQueueIds(queueIds);
        int n = s.count(q);
        List<HopRecord> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        for (ScoreDoc hit : s.search(q, n).scoreDocs) {
            BytesRef json = s.storedFields().document(hit.doc, java.util.Set.of(TraceFields.HOP_RECORD))
                    .getBinaryValue(TraceFields.HOP_RECORD);
            out.add(TraceJson.mapper().readValue(json.bytes, json.offset, json.length, HopRecord.class));
        }
        return out;
    }
}
