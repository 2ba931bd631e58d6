package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.store.TraceStore;

/** Traces come back from the store exactly as written, from new segments and from stores written before. */
class StoredTraceTest {
    @TempDir
    Path dir;

    @Test
    void everyTraceReadsBackEqualAndNewSegmentsUseTheTraceStoreCodec() throws IOException {
        List<MessageTrace> traces = traces("t", 40, 3);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(traces, List.of(), null);
            for (MessageTrace t : traces) {
                assertThat(store.get(t.messageTraceId())).contains(t);
            }
        }
        assertThat(segmentCodecs()).containsOnly(TraceStoreCodec.NAME);
        assertClean();
    }

    @Test
    void theHandWrittenSmileIsByteForByteWhatTheMapperWrites() throws IOException {
        List<MessageTrace> traces = new ArrayList<>(traces("bytes", 60, 3));
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("relay", null);
        withNull.put("dsn", "4.4.1");
        traces.add(new MessageTrace("sparse", Instant.EPOCH, "", null, null, null, null, List.of(), List.of(),
                List.of(new RecipientOutcome(null, null, null, null, null)),
                List.of(new TraceEvent(Instant.EPOCH, EventType.DEFER, null, null, null, withNull)), List.of()));
        traces.add(awkwardStrings());
        for (MessageTrace t : traces) {
            assertThat(StoredTrace.field(t).binaryValue().bytes).as(t.messageTraceId())
                    .isEqualTo(StoredTrace.writtenByMapper(t));
        }
    }

    /**
     * Values at every length where the generator changes how it writes a string (shared short
     * values, 64 and 65 chars, long values, past a third of its buffer), ASCII and not, repeated so
     * back-references are written too.
     */
    private static MessageTrace awkwardStrings() {
        List<String> values = new ArrayList<>();
        for (int length : new int[] {1, 2, 63, 64, 65, 66, 100, 1000, TraceSmileWriter.DIRECT_MAX_CHARS,
                TraceSmileWriter.DIRECT_MAX_CHARS + 1, 2666, 2667, 3000, 9000}) {
            values.add("a".repeat(length));
            values.add("?".repeat(length));
            values.add("é".repeat(length));
            values.add("b".repeat(Math.max(0, length - 1)) + "✉");
            values.add("c".repeat(Math.max(0, length - 1)) + "\uD83D\uDCE7");
        }
        values.add("");
        List<TraceEvent> events = new ArrayList<>();
        Instant at = Instant.parse("2026-11-27T08:00:00Z");
        for (int round = 0; round < 2; round++) {
            for (String v : values) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("value", v);
                data.put(v.isEmpty() ? "empty" : v.substring(0, Math.min(v.length(), 70)), "key as long as the value");
                events.add(new TraceEvent(at, EventType.DEFER, v, v, v, data));
                at = at.plusNanos(1_001_000);
            }
        }
        return new MessageTrace("awkward", at, values.get(3), values.get(5), "<" + values.get(8) + ">", null, null,
                values, values, List.of(new RecipientOutcome(values.get(10), null, null, null, values.get(12))), events, List.of());
    }

    /** Large enough that Lucene cuts the document into several compressed slices. */
    @Test
    void aTraceLargerThanAStoredFieldsChunkReadsBackEqual() throws IOException {
        MessageTrace huge = traces("huge", 1, 6000).get(0);
        assertThat(StoredTrace.field(huge).binaryValue().length).isGreaterThan(1024 * 1024);
        List<MessageTrace> all = new ArrayList<>(traces("small", 10, 2));
        all.add(5, huge);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(all, List.of(), null);
            for (MessageTrace t : all) {
                assertThat(store.get(t.messageTraceId())).contains(t);
            }
        }
        assertClean();
    }

    @Test
    void aStoreWrittenAsPlainJsonWithLucenesCodecStillReadsAlsoAfterMergingWithNewSegments() throws IOException {
        List<MessageTrace> old = traces("old", 30, 3);
        try (IndexWriter w = writer(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION))) {
            for (MessageTrace t : old) {
                List<Document> docs = TraceDocuments.toDocuments(t);
                Document traceDoc = docs.get(docs.size() - 1);
                traceDoc.removeField(TraceFields.STORED_TRACE);
                traceDoc.add(new StoredField(TraceFields.JSON, TraceJson.mapper().writeValueAsString(t)));
                w.addDocuments(docs);
            }
            w.commit();
        }
        List<MessageTrace> fresh = traces("fresh", 30, 3);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(fresh, List.of(), null);
            assertAllReadBack(store, old, fresh);
        }
        assertThat(segmentCodecs()).contains("Lucene912", TraceStoreCodec.NAME);

        try (IndexWriter w = writer(new TraceStoreCodec())) {
            w.forceMerge(1);
            w.commit();
        }
        assertThat(segmentCodecs()).containsOnly(TraceStoreCodec.NAME);
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertAllReadBack(store, old, fresh);
        }
        assertClean();
    }

    private static void assertAllReadBack(TraceStore store, List<MessageTrace> old, List<MessageTrace> fresh) {
        for (List<MessageTrace> group : List.of(old, fresh)) {
            for (MessageTrace t : group) {
                assertThat(store.get(t.messageTraceId())).contains(t);
            }
        }
    }

    private IndexWriter writer(Codec codec) throws IOException {
        return new IndexWriter(FSDirectory.open(dir.resolve("index")), new IndexWriterConfig().setCodec(codec));
    }

    private List<String> segmentCodecs() throws IOException {
        try (Directory d = FSDirectory.open(dir.resolve("index"))) {
            List<String> names = new ArrayList<>();
            for (SegmentCommitInfo s : SegmentInfos.readLatestCommit(d)) {
                names.add(s.info.getCodec().getName());
            }
            return names;
        }
    }

    private void assertClean() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Directory d = FSDirectory.open(dir.resolve("index")); CheckIndex check = new CheckIndex(d)) {
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            assertThat(check.checkIndex().clean).as(log.toString(StandardCharsets.UTF_8)).isTrue();
        }
    }

    /** Varied traces: optional values absent, several recipients, events with data maps, relations. */
    private static List<MessageTrace> traces(String prefix, int count, int recipients) {
        Random random = new Random(prefix.hashCode());
        List<MessageTrace> out = new ArrayList<>();
        Instant start = Instant.parse("2026-11-27T08:00:00.123456789Z");
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            Instant at = start.plusSeconds(97L * i);
            List<RecipientOutcome> rcpts = new ArrayList<>();
            List<TraceEvent> events = new ArrayList<>();
            Map<String, String> received = new LinkedHashMap<>();
            received.put("host", "mx" + (i % 3));
            received.put("queueId", "4QX" + Integer.toHexString(random.nextInt(1 << 20)).toUpperCase());
            received.put("client", "mail.example.net[192.0.2." + (i % 250) + "]");
            events.add(new TraceEvent(at, EventType.RECEIVE, "smtpd", "Received by mx" + (i % 3) + " é ✉", null, received));
            int n = i % 4 == 3 ? 0 : recipients;
            for (int r = 0; r < n; r++) {
                String rcpt = "user" + r + "." + Long.toHexString(random.nextLong()) + "@example.org";
                DeliveryStatus status = DeliveryStatus.values()[(i + r) % DeliveryStatus.values().length];
                rcpts.add(new RecipientOutcome(rcpt, status, r % 2 == 0 ? "10.0.2." + r : null,
                        Direction.values()[(i + r) % Direction.values().length], r % 5 == 4 ? "alias@example.org" : null));
                Map<String, String> data = new LinkedHashMap<>();
                data.put("relay", "store1.example.org[10.0.2.10]:24");
                data.put("dsn", "2.0.0");
                data.put("reply", "250 2.0.0 <" + rcpt + "> " + Long.toString(random.nextLong(), 36) + " Saved");
                events.add(new TraceEvent(at.plusMillis(1500 + r), EventType.DELIVER, "lmtp",
                        "Delivered to the mailbox: " + data.get("reply"), rcpt, data));
            }
            List<RelatedTrace> related = i % 3 == 0 ? List.of(new RelatedTrace(prefix + "-ndr-" + i, RelatedTrace.NDR)) : List.of();
            out.add(new MessageTrace(id, at, i % 5 == 0 ? "" : "sender" + i + "@example.com",
                    i % 4 == 0 ? null : "Quarterly report " + i, i % 6 == 0 ? null : "<" + id + "@mail.example>",
                    i % 7 == 0 ? null : "192.0.2." + (i % 250), i % 2 == 0 ? null : 1000L + i,
                    List.of("mx" + (i % 3), "store1"), List.of("4QX" + i), rcpts, events, related));
        }
        return out;
    }
}
