package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** Page rows come from doc values, equal the trace's own rows, and old stores still read. */
class PageRowsTest {
    private static final List<String> VIEW_FIELDS = List.of(TraceFields.VIEW_TRACE, TraceFields.VIEW_SENDER,
            TraceFields.VIEW_SUBJECT, TraceFields.VIEW_MESSAGE_ID, TraceFields.VIEW_FROM_IP, TraceFields.VIEW_HOSTS,
            TraceFields.VIEW_ROW, TraceFields.VIEW_TO_IP);

    @TempDir
    Path dir;

    @Test
    void rowsBuiltFromDocValuesEqualTheTracesOwnRows() {
        List<MessageTrace> traces = varied("new", 0);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(traces, List.of(), null);
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(traces));
        }
    }

    @Test
    void pageRowsReadNoStoredField() throws IOException {
        List<MessageTrace> traces = varied("nojson", 0);
        writeRaw(traces, List.of(TraceFields.STORED_TRACE), false);
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(traces));
        }
    }

    @Test
    void aValueTooLongForDocValuesIsServedFromTheJson() {
        MessageTrace longOne = trace("long", 5, "s".repeat(50_000), List.of("q".repeat(9_000)),
                List.of(new RecipientOutcome("x@example.org", DeliveryStatus.Delivered, "192.0.2.9", Direction.Inbound, null)));
        List<MessageTrace> traces = new ArrayList<>(varied("short", 0));
        traces.add(longOne);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(traces, List.of(), null);
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(traces));
        }
    }

    @Test
    void storeWrittenBeforeTheDocValuesExistedStillSearchesAlsoWhenMergedWithNewSegments() throws IOException {
        List<MessageTrace> old = varied("old", 0);
        writeRaw(old, VIEW_FIELDS, false);
        List<MessageTrace> all = new ArrayList<>(old);
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(old));
        }
        List<MessageTrace> fresh = varied("fresh", 100);
        all.addAll(fresh);
        // A raw writer: opening the store for writing would migrate the old traces (StoreMigration).
        writeRaw(fresh, List.of(), false);
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(all));
        }
        writeRaw(List.of(), List.of(), true); // one segment holding old-layout and new-layout blocks
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(rowsOf(all));
        }
    }

    @Test
    void rowWhoseTraceDocumentIsMissingIsReportedAsADamagedIndex() throws IOException {
        MessageTrace t = varied("lonely", 0).get(0);
        try (IndexWriter w = writer()) {
            List<Document> docs = TraceDocuments.toDocuments(t);
            w.addDocuments(docs.subList(0, docs.size() - 1));
            w.addDocuments(TraceDocuments.toDocuments(varied("other", 50).get(1)));
            w.commit();
        }
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            TraceQuery q = TraceQuery.builder().messageTraceId("lonely-0").build();
            assertThatThrownBy(() -> store.search(q, null, 10))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("lonely-0")
                    .hasMessageContaining("damaged");
        }
    }

    /** Writes the traces' documents without the named fields, e.g. as a store before the views did. */
    @Test
    void rowThatIsTheLastDocumentOfItsSegmentIsReportedAsADamagedIndex() throws IOException {
        MessageTrace t = varied("last", 0).get(1);
        try (IndexWriter w = writer()) {
            List<Document> docs = TraceDocuments.toDocuments(t);
            w.addDocuments(TraceDocuments.toDocuments(varied("first", 50).get(2)));
            w.addDocuments(docs.subList(0, docs.size() - 1));
            w.commit();
        }
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            TraceQuery q = TraceQuery.builder().messageTraceId("last-1").build();
            assertThatThrownBy(() -> store.search(q, null, 10))
                    .isInstanceOf(StoreException.class).hasMessageContaining("last-1").hasMessageContaining("damaged");
        }
    }

    private void writeRaw(List<MessageTrace> traces, List<String> dropped, boolean forceMerge) throws IOException {
        try (IndexWriter w = writer()) {
            for (MessageTrace t : traces) {
                List<Document> docs = TraceDocuments.toDocuments(t);
                docs.forEach(d -> dropped.forEach(d::removeFields));
                w.addDocuments(docs);
            }
            if (forceMerge) {
                w.forceMerge(1);
            }
            w.commit();
        }
    }

    private IndexWriter writer() throws IOException {
        return new IndexWriter(FSDirectory.open(dir.resolve("index")), new IndexWriterConfig()
                .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION)));
    }

    /** Every optional value absent somewhere, several rows, no rows, lists of several entries. */
    private static List<MessageTrace> varied(String prefix, int minuteOffset) {
        List<MessageTrace> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<RecipientOutcome> rcpts = new ArrayList<>();
            for (int r = 0; r < i % 4; r++) {
                rcpts.add(new RecipientOutcome(r == 2 ? null : "rcpt" + r + "@example.org",
                        r == 1 ? null : DeliveryStatus.values()[(i + r) % DeliveryStatus.values().length],
                        (i + r) % 3 == 0 ? null : "2001:db8::" + r, r == 1 ? null : Direction.values()[r % 3], null));
            }
            String subject = i % 5 == 0 ? null : "Subject " + (i % 3) + " é";
            out.add(trace(prefix + "-" + i, minuteOffset + i, subject,
                    i % 2 == 0 ? List.of() : List.of("4QX" + i, "5AB" + i, "6CD" + i), rcpts));
        }
        return out;
    }

    private static MessageTrace trace(String id, int minute, String subject, List<String> queueIds,
                                      List<RecipientOutcome> rcpts) {
        int n = id.hashCode();
        return new MessageTrace(id, Instant.parse("2026-11-27T10:00:00.123456789Z").plusSeconds(60L * minute),
                n % 3 == 0 ? "" : "Sender" + (n % 7) + "@Example.COM", subject,
                n % 4 == 0 ? null : "<" + id + "@mail.example>", n % 5 == 0 ? null : "192.0.2." + (n & 0x7f),
                n % 6 == 0 ? null : (long) (n & 0xffff), n % 2 == 0 ? List.of("mx1", "store") : List.of("mx2"),
                queueIds, rcpts, List.of(), List.of());
    }

    private static List<TraceRow> rowsOf(List<MessageTrace> traces) {
        return traces.stream().flatMap(t -> t.rows().stream()).toList();
    }

    private static List<TraceRow> allRows(TraceStore store) {
        return store.search(TraceQuery.all(), null, 10_000).rows();
    }
}
