package org.mailtrace.store.lucene;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.store.StatsCounter;
import org.mailtrace.store.StatsCounter.Top;
import org.mailtrace.store.StoreStats;

/**
 * {@code TraceStore.aggregate} over the index, facet style: one pass over the matching row
 * documents reading only doc values (received time, status, direction and the ordinals of sender,
 * recipient, partner domain and reasons); ordinals are counted per segment in arrays and turned
 * into strings once per distinct value. No stored field or trace JSON is read, so the cost grows
 * with matching rows, not with trace size.
 */
final class LuceneStats {
    private static final Map<Top, String> TOP_FIELDS = new EnumMap<>(Map.of(
            Top.SENDER, TraceFields.STAT_SENDER, Top.RECIPIENT, TraceFields.STAT_RECIPIENT,
            Top.DOMAIN, TraceFields.STAT_DOMAIN, Top.REJECT_REASON, TraceFields.STAT_REJECT,
            Top.DEFERRAL_REASON, TraceFields.STAT_DEFER));

    private LuceneStats() {
    }

    static StoreStats aggregate(IndexSearcher searcher, Query rows, Instant start, Instant end, Duration bucket, int top)
            throws IOException {
        StatsCounter counter = new StatsCounter(start, end, bucket);
        long startNanos = TimeKeys.nanos(start);
        long bucketNanos = bucket.toNanos();
        searcher.search(rows, new SimpleCollector() {
            private NumericDocValues received;
            private SortedDocValues status;
            private SortedDocValues direction;
            private final Map<Top, SortedDocValues> values = new EnumMap<>(Top.class);
            private final Map<Top, long[]> counts = new EnumMap<>(Top.class);
            private DeliveryStatus[] statusOf;
            private Direction[] directionOf;

            @Override
            protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
                flush();
                received = DocValues.getNumeric(leaf.reader(), TraceFields.RECEIVED);
                status = DocValues.getSorted(leaf.reader(), TraceFields.STAT_STATUS);
                direction = DocValues.getSorted(leaf.reader(), TraceFields.STAT_DIRECTION);
                statusOf = new DeliveryStatus[status.getValueCount()];
                for (int o = 0; o < statusOf.length; o++) {
                    statusOf[o] = DeliveryStatus.parse(status.lookupOrd(o).utf8ToString());
                }
                directionOf = new Direction[direction.getValueCount()];
                for (int o = 0; o < directionOf.length; o++) {
                    directionOf[o] = Direction.parse(direction.lookupOrd(o).utf8ToString());
                }
                for (Map.Entry<Top, String> f : TOP_FIELDS.entrySet()) {
                    SortedDocValues dv = DocValues.getSorted(leaf.reader(), f.getValue());
                    values.put(f.getKey(), dv);
                    counts.put(f.getKey(), new long[dv.getValueCount()]);
                }
            }

            @Override
            public void collect(int doc) throws IOException {
                if (!received.advanceExact(doc)) {
                    return;
                }
                long offset = received.longValue() - startNanos;
                int b = offset < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, offset / bucketNanos);
                DeliveryStatus s = status.advanceExact(doc) ? statusOf[status.ordValue()] : null;
                Direction d = direction.advanceExact(doc) ? directionOf[direction.ordValue()] : null;
                counter.row(b, s, d);
                for (Map.Entry<Top, SortedDocValues> v : values.entrySet()) {
                    if (v.getValue().advanceExact(doc)) {
                        counts.get(v.getKey())[v.getValue().ordValue()]++;
                    }
                }
            }

            /** Turns the previous segment's ordinal counts into keys. */
            private void flush() throws IOException {
                for (Map.Entry<Top, long[]> c : counts.entrySet()) {
                    long[] n = c.getValue();
                    SortedDocValues dv = values.get(c.getKey());
                    for (int o = 0; o < n.length; o++) {
                        if (n[o] > 0) {
                            counter.add(c.getKey(), dv.lookupOrd(o).utf8ToString(), n[o]);
                        }
                    }
                }
                counts.clear();
            }

            @Override
            public void finish() throws IOException {
                flush();
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return counter.result(top);
    }
}
