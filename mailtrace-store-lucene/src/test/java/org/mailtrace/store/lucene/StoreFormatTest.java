package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** The format in each commit: an older store opens and is restamped, a newer one is refused with the version it needs. */
class StoreFormatTest {
    @TempDir
    Path dir;

    @Test
    void storeOfThePreviousReleaseOpensReadOnlyAsItIs() throws Exception {
        Path data = copyFixture();
        try (TraceStore store = LuceneTraceStore.openReadOnly(data)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(expectedRows());
            assertThat(store.checkpoint().positions()).containsEntry("/var/log/mail.log", FormatOneStore.POSITION);
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo(FormatOneStore.STATE);
        }
        assertThat(formatOnDisk(data)).isEqualTo(1);
    }

    @Test
    void storeOfThePreviousReleaseIsMigratedWhenOpenedForWritingAndKeepsEverything() throws Exception {
        Path data = copyFixture();
        try (TraceStore store = LuceneTraceStore.openWritable(data)) {
            assertThat(formatOnDisk(data)).isEqualTo(StoreFormat.CURRENT);
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(expectedRows());
            store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "after"));
        }
        assertThat(formatOnDisk(data)).isEqualTo(StoreFormat.CURRENT);
        try (TraceStore store = LuceneTraceStore.openReadOnly(data)) {
            assertThat(allRows(store)).hasSameSizeAs(expectedRows());
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("after");
        }
    }

    @Test
    void tracesOfAnOlderLayoutAreRewrittenByTheMigrationWithProgressAndSearchTheSame() throws Exception {
        // A format-1 store whose traces predate the page-row doc values (written as an early release did).
        List<MessageTrace> old = FormatOneStore.traces();
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir.resolve("index")),
                new IndexWriterConfig().setCodec(new TraceStoreCodec()))) {
            for (MessageTrace t : old) {
                List<org.apache.lucene.document.Document> docs = TraceDocuments.toDocuments(t);
                docs.forEach(d -> VIEW_FIELDS.forEach(d::removeFields));
                w.addDocuments(docs);
            }
            w.commit();
        }
        assertThat(oldLayoutTraces(dir)).isEqualTo(old.size());
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(expectedRows());
        }
        assertThat(formatOnDisk(dir)).isEqualTo(StoreFormat.CURRENT);
        assertThat(oldLayoutTraces(dir)).isZero();
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThat(allRows(store)).containsExactlyInAnyOrderElementsOf(expectedRows());
            assertThat(store.count(TraceQuery.all())).isEqualTo(expectedRows().size());
        }
    }

    @Test
    void migrationReportsProgressAsABarWithCountAndTimeLeft() {
        assertThat(StoreMigration.bar(0, 10_000, 0)).isEqualTo("[--------------------] 0% 0 of 10,000 traces, time left unknown");
        assertThat(StoreMigration.bar(4_000, 10_000, 8_000_000_000L))
                .isEqualTo("[########------------] 40% 4,000 of 10,000 traces, about 12 s left");
        assertThat(StoreMigration.bar(10_000, 10_000, 20_000_000_000L))
                .isEqualTo("[####################] 100% 10,000 of 10,000 traces, done in 20 s");
    }

    @Test
    void everyCommitOfThisBuildRecordsTheCurrentFormat() throws Exception {
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(FormatOneStore.traces(), List.of(), null);
        }
        assertThat(formatOnDisk(dir)).isEqualTo(StoreFormat.CURRENT);
    }

    @Test
    void storeOfANewerFormatIsRefusedNamingTheVersionItNeeds() throws Exception {
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(FormatOneStore.traces(), List.of(), null);
        }
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir.resolve("index")),
                new IndexWriterConfig().setCodec(new TraceStoreCodec()))) {
            w.setLiveCommitData(Map.of(StoreFormat.FORMAT_KEY, "9", StoreFormat.WRITER_KEY, "7.3.0").entrySet());
            w.commit();
        }
        assertThatThrownBy(() -> LuceneTraceStore.openWritable(dir)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(dir.toString())
                .hasMessageContaining("format 9, written by mailtrace 7.3.0")
                .hasMessageContaining("run mailtrace 7.3.0 or newer");
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            assertThatThrownBy(() -> allRows(store)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("reads formats up to " + StoreFormat.CURRENT);
        }
        assertThat(formatOnDisk(dir)).as("refused, not rewritten").isEqualTo(9);
        // The refused writer released its lock: the store is not left locked.
        assertThat(Files.exists(dir.resolve("index").resolve("write.lock"))
                && !canLock(dir)).isFalse();
    }

    private static final List<String> VIEW_FIELDS = List.of(TraceFields.VIEW_TRACE, TraceFields.VIEW_SENDER,
            TraceFields.VIEW_SUBJECT, TraceFields.VIEW_MESSAGE_ID, TraceFields.VIEW_FROM_IP, TraceFields.VIEW_HOSTS,
            TraceFields.VIEW_ROW, TraceFields.VIEW_TO_IP);

    private static int oldLayoutTraces(Path data) throws IOException {
        try (var d = FSDirectory.open(data.resolve("index")); var reader = org.apache.lucene.index.DirectoryReader.open(d)) {
            return new org.apache.lucene.search.IndexSearcher(reader).count(StoreMigration.oldLayoutTraces());
        }
    }

    private static boolean canLock(Path data) throws IOException {
        try (var d = FSDirectory.open(data.resolve("index")); var lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            return true;
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            return false;
        }
    }

    private Path copyFixture() throws IOException, URISyntaxException {
        Path src = Path.of(StoreFormatTest.class.getResource("format-1").toURI());
        Path data = dir.resolve("data");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = data.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return data;
    }

    private static int formatOnDisk(Path data) throws IOException {
        try (var d = FSDirectory.open(data.resolve("index"))) {
            return StoreFormat.of(SegmentInfos.readLatestCommit(d).getUserData());
        }
    }

    private static List<TraceRow> expectedRows() {
        return FormatOneStore.traces().stream().flatMap(t -> t.rows().stream()).toList();
    }

    private static List<TraceRow> allRows(TraceStore store) {
        return store.search(TraceQuery.all(), null, 1000).rows();
    }
}
