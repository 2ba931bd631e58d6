package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StandardDirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.IOUtils;

/**
 * The read-only view: the last commit on disk, re-checked before every search so a process that
 * searches while another ingests sees each commit as soon as it lands. Takes no lock and creates
 * nothing; before the first commit exists it behaves as an empty store.
 */
final class CommittedIndex implements IndexSearchers {
    private static final IndexSearcher EMPTY = emptySearcher();

    private final Path indexDir;
    private Directory directory;
    private volatile SearcherManager searchers;

    CommittedIndex(Path dataDir) {
        this.indexDir = dataDir.resolve("index");
    }

    @Override
    public <T> T withSearcher(SearchWork<T> work) throws IOException {
        SearcherManager manager = searchers;
        if (manager == null) {
            // Opened from the last commit just now: nothing to refresh. Re-checking would read the
            // commit and every segment's info once more, a cost a one-shot trace pays in full.
            manager = open();
            if (manager == null) {
                return work.apply(EMPTY);
            }
        } else {
            manager.maybeRefreshBlocking();
        }
        IndexSearcher searcher = manager.acquire();
        try {
            return work.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    /** The searcher manager, opened once a commit exists on disk; null before that. */
    private synchronized SearcherManager open() throws IOException {
        if (searchers == null && Files.isDirectory(indexDir)) {
            if (directory == null) {
                // Opened only once the directory exists: FSDirectory would create it otherwise.
                directory = FSDirectory.open(indexDir, NoLockFactory.INSTANCE);
            }
            if (DirectoryReader.indexExists(directory)) {
                searchers = new SearcherManager(lastCommit(directory, indexDir.getParent()), null);
            }
        }
        return searchers;
    }

    /**
     * A reader of the last commit, its format checked first ({@link StoreFormat}) from the same read of
     * the commit's segment list that the reader is opened from: one read, not one to check and another
     * to open. Retried, as {@link DirectoryReader#open} is, when an ingest replaces the commit meanwhile.
     */
    private static DirectoryReader lastCommit(Directory directory, Path dataDir) throws IOException {
        return new SegmentInfos.FindSegmentsFile<DirectoryReader>(directory) {
            @Override
            protected DirectoryReader doBody(String segmentsFile) throws IOException {
                SegmentInfos commit = SegmentInfos.readCommit(directory, segmentsFile);
                StoreFormat.requireReadable(dataDir, commit.getUserData());
                return StandardDirectoryReader.open(directory, commit, null, null);
            }
        }.run();
    }

    private static IndexSearcher emptySearcher() {
        try {
            return new IndexSearcher(new MultiReader());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IOUtils.close(searchers, directory);
    }
}
