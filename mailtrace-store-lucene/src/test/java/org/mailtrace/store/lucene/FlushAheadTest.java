package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;

class FlushAheadTest {

    /** A directory that refuses new files while {@link #full} is set, as a full disk does. */
    private static final class FillingDirectory extends FilterDirectory {
        volatile boolean full;

        FillingDirectory() {
            super(new ByteBuffersDirectory());
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            if (full) {
                throw new IOException("No space left on device: " + name);
            }
            return super.createOutput(name, context);
        }
    }

    private static IndexWriter writer(Directory dir) throws IOException {
        return new IndexWriter(dir, new IndexWriterConfig().setRAMBufferSizeMB(LiveIndex.RAM_BUFFER_MB).setCommitOnClose(false));
    }

    private static void addDocs(IndexWriter writer, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            Document doc = new Document();
            doc.add(new StringField("id", "trace-" + i, Field.Store.YES));
            writer.addDocument(doc);
        }
    }

    /** One batch's check, as the indexing thread makes it, then waits for the flush it started, if any. */
    private static void afterBatchAndWait(IndexWriter writer, long thresholdBytes) {
        FlushAhead flushAhead = new FlushAhead("test", thresholdBytes);
        flushAhead.afterBatch(writer);
        flushAhead.close();
    }

    private static void beforeCommitAndWait(IndexWriter writer, long thresholdBytes) {
        FlushAhead flushAhead = new FlushAhead("test", thresholdBytes);
        flushAhead.beforeCommit(writer);
        flushAhead.close();
    }

    private static long segmentFiles(Directory dir) throws IOException {
        return Arrays.stream(dir.listAll()).filter(f -> f.endsWith(".si")).count();
    }

    private static int committedDocs(Directory dir) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.numDocs();
        }
    }

    @Test
    void aBufferOverTheThresholdIsWrittenAsASegmentBeforeTheCommitWhichHoldsEveryDocument() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = writer(dir)) {
            addDocs(writer, 0, 1_000);
            afterBatchAndWait(writer, 1);
            assertThat(segmentFiles(dir)).as("segments written before any commit").isEqualTo(1);
            addDocs(writer, 1_000, 1_500);
            writer.commit();
            assertThat(committedDocs(dir)).isEqualTo(1_500);
        }
    }

    @Test
    void aCommitDuringAFlushAheadHoldsTheFlushedDocumentsToo() throws IOException {
        for (int round = 0; round < 20; round++) {
            Directory dir = new ByteBuffersDirectory();
            try (IndexWriter writer = writer(dir)) {
                addDocs(writer, 0, 2_000);
                FlushAhead flushAhead = new FlushAhead("test", 1);
                flushAhead.afterBatch(writer);
                addDocs(writer, 2_000, 2_100); // the indexing thread goes on while the flusher writes
                writer.commit(); // whether the flush is still running or done, the commit holds both
                flushAhead.close();
                assertThat(committedDocs(dir)).as("round %d", round).isEqualTo(2_100);
            }
        }
    }

    @Test
    void aBufferUnderTheThresholdWaitsForTheCommit() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = writer(dir)) {
            addDocs(writer, 0, 1_000);
            afterBatchAndWait(writer, FlushAhead.THRESHOLD_BYTES);
            assertThat(segmentFiles(dir)).isZero();
        }
    }

    @Test
    void aCommitHandsOnlyABufferWorthASegmentToTheFlusher() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = writer(dir)) {
            addDocs(writer, 0, 1_000);
            beforeCommitAndWait(writer, FlushAhead.THRESHOLD_BYTES);
            assertThat(segmentFiles(dir)).as("a live commit's small buffer stays with the commit").isZero();
            beforeCommitAndWait(writer, 1);
            assertThat(segmentFiles(dir)).isEqualTo(1);
            addDocs(writer, 1_000, 1_001);
            writer.commit();
            assertThat(committedDocs(dir)).isEqualTo(1_001);
        }
    }

    @Test
    void aRollbackDropsWhatWasFlushedAhead() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = writer(dir)) {
            addDocs(writer, 0, 10);
            writer.commit();
            addDocs(writer, 10, 1_000);
            afterBatchAndWait(writer, 1);
            writer.rollback();
        }
        assertThat(committedDocs(dir)).isEqualTo(10);
    }

    @Test
    void aFlushThatFailsMakesTheNextCommitFailRatherThanCommitWithoutItsDocuments() throws IOException {
        FillingDirectory dir = new FillingDirectory();
        IndexWriter writer = writer(dir);
        addDocs(writer, 0, 10);
        writer.commit();
        addDocs(writer, 10, 1_000);
        dir.full = true;
        afterBatchAndWait(writer, 1);
        dir.full = false; // space came back: the documents of the failed flush must still not be committed as if written
        assertThatThrownBy(() -> {
            addDocs(writer, 1_000, 1_010);
            writer.commit();
        }).isInstanceOf(Exception.class);
        writer.rollback();
        assertThat(committedDocs(dir)).isEqualTo(10);
    }
}
