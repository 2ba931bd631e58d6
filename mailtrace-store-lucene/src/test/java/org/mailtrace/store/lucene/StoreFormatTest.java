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
