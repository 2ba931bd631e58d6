package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.NoLockFactory;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.StoreException;

/**
 * Copies the last commit of a store into another data directory while a writer (another process,
 * e.g. {@code serve}) may keep committing: the backup's view of the store.
 *
 * <p>Why this is consistent without the writer's help: a commit's {@code segments_N} and every file it
 * names are never changed once written, only deleted when a later commit no longer needs them; the
 * correlator state file a commit names is likewise kept until the next commit. So the copy reads the
 * latest {@code segments_N}, copies exactly its files and its state file, and starts over with the
 * newer commit if the writer deleted one of them meanwhile. Every copied Lucene file is then checked
 * against its own checksum footer and the state file read through (gzip CRC), so a copy that
 * returns is complete and intact. Takes no lock and writes nothing in the source.
 */
public final class CommitCopy {
    /** The store format this build reads and writes, for a restore to check a backup against. */
    public static final int STORE_FORMAT = StoreFormat.CURRENT;
    private static final int ATTEMPTS = 20;
    /** A busy writer on a loaded machine can outrun 20 copies; go on trying for this long before giving up. */
    private static final long PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    /** What was copied: the commit's generation and format, its files (relative to the data directory) and checkpoint positions. */
    public record Copied(long generation, int format, List<String> files, Map<String, SourcePosition> positions) {
    }

    private CommitCopy() {
    }

    /**
     * Copies the last commit of {@code dataDir}'s store into {@code target} (a data directory whose
     * {@code index/} and {@code state/} must not exist yet). An absent or never-committed store copies
     * as nothing (generation 0).
     */
    public static Copied copyLastCommit(Path dataDir, Path target) {
        Path indexDir = dataDir.resolve("index");
        if (!Files.isDirectory(indexDir)) {
            return new Copied(0, StoreFormat.CURRENT, List.of(), Map.of());
        }
        NoSuchFileException last = null;
        long giveUp = System.nanoTime() + PATIENCE_NANOS;
        int attempt = 0;
        try (Directory source = FSDirectory.open(indexDir, NoLockFactory.INSTANCE)) {
            while (++attempt <= ATTEMPTS || System.nanoTime() < giveUp) {
                if (!DirectoryReader.indexExists(source)) {
                    return new Copied(0, StoreFormat.CURRENT, List.of(), Map.of());
                }
                deleteTree(target.resolve("index"));
                deleteTree(target.resolve("state"));
                try {
                    return copyOnce(dataDir, source, target);
                } catch (NoSuchFileException e) {
                    last = e; // the writer finished a newer commit and deleted a file of this one: take the newer
                }
            }
        } catch (StoreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.of(dataDir, "copying the last commit of the store to " + target, e);
        }
        throw new StoreException(dataDir + ": copying the last commit failed " + (attempt - 1) + " times in "
                + PATIENCE_NANOS / 1_000_000_000L + " s because the writer "
                + "replaced it during the copy (last: " + last.getMessage() + "); run the backup again, at a quieter "
                + "moment, or stop ingest for the time of the backup");
    }

    private static Copied copyOnce(Path dataDir, Directory source, Path target) throws IOException {
        SegmentInfos commit = SegmentInfos.readLatestCommit(source);
        StoreFormat.requireReadable(dataDir, commit.getUserData());
        Path indexDir = dataDir.resolve("index");
        Path targetIndex = Files.createDirectories(target.resolve("index"));
        List<String> files = new ArrayList<>();
        for (String name : commit.files(true)) {
            Files.copy(indexDir.resolve(name), targetIndex.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            files.add("index/" + name);
        }
        CheckpointCodec.Stored checkpoint;
        try (Directory copy = FSDirectory.open(targetIndex, NoLockFactory.INSTANCE)) {
            verifyChecksums(copy, dataDir);
            checkpoint = checkpointOf(copy);
        }
        if (checkpoint != null && checkpoint.stateFile() != null) {
            Path targetState = Files.createDirectories(target.resolve("state"));
            Path copied = targetState.resolve(checkpoint.stateFile());
            Files.copy(dataDir.resolve("state").resolve(checkpoint.stateFile()), copied);
            readThrough(copied);
            files.add("state/" + checkpoint.stateFile());
        }
        return new Copied(commit.getGeneration(), StoreFormat.of(commit.getUserData()), List.copyOf(files),
                checkpoint == null || checkpoint.positions() == null ? Map.of() : checkpoint.positions());
    }

    private static void verifyChecksums(Directory copy, Path dataDir) throws IOException {
        for (String name : copy.listAll()) {
            try (IndexInput in = copy.openInput(name, IOContext.READONCE)) {
                CodecUtil.checksumEntireFile(in);
            } catch (org.apache.lucene.index.CorruptIndexException e) {
                throw new StoreException(dataDir + ": index file " + name + " fails its checksum (" + e.getMessage()
                        + "); the store itself is damaged: keep the previous backup, and re-ingest into a new data directory", e);
            }
        }
    }

    private static CheckpointCodec.Stored checkpointOf(Directory copy) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(copy)) {
            IndexSearcher s = new IndexSearcher(reader);
            TopDocs top = s.search(LuceneQueries.kind(TraceFields.CHECKPOINT), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            Document doc = s.storedFields().document(top.scoreDocs[0].doc);
            String json = doc.get(TraceFields.CHECKPOINT_JSON);
            return json == null ? null : TraceJson.mapper().readValue(json, CheckpointCodec.Stored.class);
        }
    }

    private static void readThrough(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
