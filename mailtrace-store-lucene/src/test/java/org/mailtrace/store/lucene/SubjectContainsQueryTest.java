package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** Subject "contains" finds the same rows from doc values, from old-layout segments, and from both merged. */
class SubjectContainsQueryTest {
    private static final String[] SUBJECTS = {"Weekly Budget report", "RE: AW: budget", "Ünïcode BÜDGET", "x*y?z",
        "Invoice 12345 for travel", null, "s".repeat(4_100) + "needle"};
    private static final String[] NEEDLES = {"budget", "BUDGET", "büdget", "*y?", "t r", "invoice 1", "needle", "report"};

    @TempDir
    Path dir;

    @Test
    void findsTheSameRowsInNewOldAndMergedSegments() throws IOException {
        List<MessageTrace> old = traces("old", 0);
        try (IndexWriter w = writer()) {
            for (MessageTrace t : old) {
                List<Document> docs = TraceDocuments.toDocuments(t);
                docs.forEach(d -> List.of(TraceFields.VIEW_TRACE, TraceFields.VIEW_SUBJECT, TraceFields.VIEW_ROW)
                        .forEach(d::removeFields));
                w.addDocuments(docs);
            }
            w.commit();
        }
        List<MessageTrace> all = new ArrayList<>(old);
        List<MessageTrace> fresh = traces("new", 100);
        all.addAll(fresh);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(fresh, List.of(), null);
            assertSearchesMatch(store, all);
        }
        try (IndexWriter w = writer()) {
            w.forceMerge(1);
            w.commit();
        }
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertSearchesMatch(store, all);
        }
    }

    @Test
    void findsTheSameRowsWhenEverySegmentHasTheDocValues() {
        List<MessageTrace> all = traces("a", 0);
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(all, List.of(), null);
            assertSearchesMatch(store, all);
        }
    }

    @Test
    void aRareTextSwitchesASegmentToTheWildcardAndStillFindsExactly() {
        List<MessageTrace> many = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) { // over SWITCH_AFTER_ROWS rows in one segment
            many.add(new MessageTrace("m" + i, Instant.parse("2026-11-27T08:00:00Z").plusSeconds(i),
                    "s@example.com", (i % 2 == 0 ? "Status " : "STATUS Ärger ") + i, null, null, null, List.of("mx1"),
                    List.of("Q" + i), List.of(), List.of(), List.of()));
        }
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(many, List.of(), null);
            for (String needle : List.of("status 29", "ärger 3", "us 1", "no such text", "8999")) {
                List<TraceRow> expected = many.stream().flatMap(t -> t.rows().stream())
                        .filter(r -> TraceDocuments.subjectKey(r.subject()).contains(needle)).toList();
                TraceQuery q = TraceQuery.builder().subject(needle, TraceQuery.SubjectMatch.CONTAINS).build();
                assertThat(store.search(q, null, 10_000).rows()).as(needle).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(store.search(q, null, 3).rows()).as(needle).hasSize(Math.min(3, expected.size()));
            }
        }
    }

    private static void assertSearchesMatch(TraceStore store, List<MessageTrace> traces) {
        for (String needle : NEEDLES) {
            String key = needle.toLowerCase(Locale.ROOT);
            List<TraceRow> expected = traces.stream().flatMap(t -> t.rows().stream())
                    .filter(r -> r.subject() != null && TraceDocuments.subjectKey(r.subject()).contains(key)).toList();
            TraceQuery q = TraceQuery.builder().subject(needle, TraceQuery.SubjectMatch.CONTAINS).build();
            assertThat(store.search(q, null, 1_000).rows()).as(needle).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(store.count(q)).as(needle).isEqualTo(expected.size());
        }
    }

    private static List<MessageTrace> traces(String prefix, int minuteOffset) {
        List<MessageTrace> out = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            List<RecipientOutcome> rcpts = new ArrayList<>();
            for (int r = 0; r < i % 3; r++) {
                rcpts.add(new RecipientOutcome("r" + r + "@example.org", DeliveryStatus.Delivered, null, Direction.Inbound, null));
            }
            out.add(new MessageTrace(prefix + i, Instant.parse("2026-11-27T08:00:00Z").plusSeconds(60L * (minuteOffset + i)),
                    "s@example.com", SUBJECTS[i % SUBJECTS.length], null, null, null, List.of("mx1"), List.of("Q" + i),
                    rcpts, List.of(), List.of()));
        }
        return out;
    }

    private IndexWriter writer() throws IOException {
        return new IndexWriter(FSDirectory.open(dir.resolve("index")), new IndexWriterConfig()
                .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION)));
    }
}
