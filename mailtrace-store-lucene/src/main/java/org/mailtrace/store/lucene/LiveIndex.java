package org.mailtrace.store.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writable index: the one {@link IndexWriter} (holding the directory's write lock) and a
 * {@link SearcherManager} over it that is refreshed after every commit, so a search started after
 * {@code commit} returns sees it.
 *
 * <p>Failure model: Lucene only ever exposes complete commits, so a failed commit (full disk, I/O
 * error, a writer closed by an earlier tragic error) leaves the previous commit on disk. We then
 * roll the writer back, which drops this call's changes, and reopen a writer on the last commit so
 * the store stays usable; if even that fails the store refuses further work until it is reopened.
 * Nothing is committed on close: only {@link #commit} commits.
 */
final class LiveIndex implements IndexSearchers {
    private final Path dataDir;
    private final Directory directory;
    private final StateFiles states;
    private final StagingQueue staging = new StagingQueue();
    /** Lucene's own indexing buffer; {@link FlushAhead#THRESHOLD_BYTES} sits just under it. */
    static final int RAM_BUFFER_MB = 64;
    private final FlushAhead flushAhead;
    /** Kept across writers (a failed commit reopens one), so {@link #caughtUp} holds for the store's lifetime. */
    private final TieredMergePolicy merges = MergePolicies.bulk();
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile StoreException broken;
    /** A background commit failed: sticky, so nothing written after it can become durable. */
    private volatile StoreException lostCommit;
    /**
     * Per trace ID written since the last commit, what the written version was joined from (0: a
     * plain upsert or delete): the committed searcher does not see it yet. Kept only once this store
     * wrote a joined trace, so an ingest without hop joins pays nothing; emptied by every commit
     * (and rollback), after which the searcher sees what it held.
     */
    private final java.util.Map<String, Long> joinedSinceCommit = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean joinsWritten;

    private LiveIndex(Path dataDir, Directory directory) throws IOException {
        this.dataDir = dataDir;
        this.directory = directory;
        this.states = new StateFiles(dataDir);
        this.flushAhead = new FlushAhead(dataDir.toString(), FlushAhead.THRESHOLD_BYTES);
        int format = DirectoryReader.indexExists(directory)
                ? StoreFormat.of(SegmentInfos.readLatestCommit(directory).getUserData()) : StoreFormat.CURRENT;
        if (format > StoreFormat.CURRENT) {
            StoreFormat.requireReadable(dataDir, SegmentInfos.readLatestCommit(directory).getUserData());
        }
        openWriter();
        if (format < StoreFormat.CURRENT) {
            try {
                migrate(format);
            } catch (IOException | RuntimeException e) {
                IOUtils.closeWhileHandlingException(searchers, writer);
                throw e;
            }
        }
    }

    /**
     * Brings an older store to {@link StoreFormat#CURRENT}: traces in an older layout are rewritten
     * ({@link StoreMigration}), then one commit records them and the new format together.
     */
    private void migrate(int from) throws IOException {
        Logger log = LoggerFactory.getLogger(LiveIndex.class);
        log.info("{}: store format {} found; migrating to format {} (mailtrace {})", dataDir, from,
                StoreFormat.CURRENT, StoreFormat.writerVersion());
        long rewritten = new StoreMigration(writer, line -> log.info("{}: migrating: {}", dataDir, line),
                5_000_000_000L).rewriteOldLayout();
        writer.commit();
        log.info("{}: store migrated to format {} ({} traces rewritten)", dataDir, StoreFormat.CURRENT, rewritten);
    }

    /** Opens (creating if needed) the index under {@code <dataDir>/index} and takes its write lock. */
    static LiveIndex open(Path dataDir) {
        Directory dir = null;
        try {
            Path indexDir = dataDir.resolve("index");
            Files.createDirectories(indexDir);
            dir = FSDirectory.open(indexDir);
            return new LiveIndex(dataDir, dir);
        } catch (StoreException e) {
            IOUtils.closeWhileHandlingException(dir);
            throw e;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(dir);
            throw StoreErrors.of(dataDir, "opening the store for writing", e);
        }
    }

    private void openWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setMergePolicy(merges)
                .setCodec(new TraceStoreCodec());
        IndexWriter w = new IndexWriter(directory, config);
        try {
            w.setLiveCommitData(StoreFormat.commitData().entrySet());
            searchers = new SearcherManager(w, true, false, null);
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(w);
            throw e;
        }
        writer = w;
    }

    /**
     * Applies deletes, then upserts (so an ID in both ends up stored), then the checkpoint, in one
     * commit. The checkpoint's correlator state goes to a new {@link StateFiles} generation, durable
     * before the Lucene commit that names it; older generations are deleted once that commit is done.
     */
    synchronized void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                             IngestCheckpoint checkpoint) {
        ensureUsable();
        String stateFile = null;
        try {
            if (checkpoint != null && checkpoint.correlatorState() != null) {
                stateFile = states.write(checkpoint.correlatorState()); // while the indexing thread finishes its batches
            }
            staging.awaitIdle();
            flushAhead.beforeCommit(writer); // written by the flusher while this thread applies the last changes
            apply(upserts, deletedTraceIds);
            if (checkpoint != null) {
                writer.updateDocument(CheckpointCodec.KEY, CheckpointCodec.toDocument(checkpoint.positions(), stateFile));
            }
            writer.commit();
            joinedSinceCommit.clear();
        } catch (Exception e) {
            if (stateFile != null) {
                states.delete(stateFile);
            }
            throw failed("committing " + upserts.size() + " traces and " + deletedTraceIds.size() + " deletes", e);
        }
        if (checkpoint != null) {
            states.deleteOlderThan(stateFile);
        }
        refresh();
    }

    /**
     * {@link #commit} finished on the {@link StagingQueue}'s thread, behind the staged batches. The
     * caller's part is only what must reflect this moment: the correlator state file (written and
     * fsync'd, as for a synchronous commit) and the checkpoint document with the positions. Lucene's
     * flush, fsync and searcher refresh, about a third of an ingest's main-thread time when done
     * inline, run while the caller reads on.
     */
    synchronized void commitInBackground(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                                         IngestCheckpoint checkpoint) {
        ensureUsable();
        List<MessageTrace> traces = List.copyOf(upserts);
        List<String> deletes = List.copyOf(deletedTraceIds);
        String written = null;
        org.apache.lucene.document.Document checkpointDoc = null;
        try {
            if (checkpoint != null) {
                if (checkpoint.correlatorState() != null) {
                    written = states.write(checkpoint.correlatorState());
                }
                checkpointDoc = CheckpointCodec.toDocument(checkpoint.positions(), written);
            }
        } catch (IOException | RuntimeException e) {
            if (written != null) {
                states.delete(written);
            }
            throw lose(failed("writing the correlator state of a commit", e));
        }
        String stateFile = written;
        org.apache.lucene.document.Document doc = checkpointDoc;
        staging.submit(() -> {
            try {
                apply(traces, deletes);
                if (doc != null) {
                    writer.updateDocument(CheckpointCodec.KEY, doc);
                }
                writer.commit();
                joinedSinceCommit.clear();
            } catch (Exception e) {
                if (stateFile != null) {
                    states.delete(stateFile);
                }
                throw lose(failed("committing " + traces.size() + " traces and " + deletes.size()
                        + " deletes in the background", e));
            }
            if (stateFile != null) {
                states.deleteOlderThan(stateFile);
            }
            refresh();
        });
    }

    /** Waits for background commits and staged batches; throws the failure of one. */
    synchronized void awaitCommits() {
        ensureUsable();
        try {
            staging.awaitIdle();
        } catch (Exception e) {
            if (lostCommit != null) {
                throw lostCommitError();
            }
            throw lose(failed("applying staged changes", e));
        }
        ensureUsable();
    }

    private StoreException lose(StoreException error) {
        if (lostCommit == null) {
            lostCommit = error;
        }
        return error;
    }

    private StoreException lostCommitError() {
        return new StoreException(lostCommit.getMessage() + "; nothing after the last successful commit was saved:"
                + " reopen the store (run the same ingest again) to resume from that commit", lostCommit);
    }

    /**
     * Buffers changes in the writer without committing, on the {@link StagingQueue}'s thread: the
     * next {@link #commit} waits for them and makes them durable, a rollback drops them. A failure
     * surfaces at that commit (or {@link #awaitCommits}), which then fails as a whole.
     */
    synchronized void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
        ensureUsable();
        List<MessageTrace> traces = List.copyOf(upserts);
        List<String> deletes = List.copyOf(deletedTraceIds);
        staging.submit(() -> apply(traces, deletes));
    }

    /**
     * Buffers joined traces like {@link #stage}, each written unless the trace stored under its ID
     * was joined from more ({@link org.mailtrace.store.HopDirectory#upsertJoined}). This process
     * holds the writer lock, so the check and the write cannot interleave with another writer's:
     * what is stored is the last commit (its searcher) overlaid with what was written since.
     */
    synchronized void stageJoined(Collection<org.mailtrace.store.JoinedTrace> traces) {
        ensureUsable();
        List<org.mailtrace.store.JoinedTrace> copy = List.copyOf(traces);
        joinsWritten = true;
        staging.submit(() -> applyJoined(copy));
    }

    private void applyJoined(List<org.mailtrace.store.JoinedTrace> traces) throws IOException {
        for (org.mailtrace.store.JoinedTrace j : traces) {
            String id = j.trace().messageTraceId();
            Long since = joinedSinceCommit.get(id);
            long stored = since != null ? since : withSearcher(s -> storedJoinedFrom(s, id));
            if (j.builtFrom() >= stored) {
                writer.updateDocuments(new Term(TraceFields.TRACE_ID, id), TraceDocuments.toDocuments(j));
                joinedSinceCommit.put(id, j.builtFrom());
            }
        }
        flushAhead.afterBatch(writer);
    }

    /** What the committed trace of this ID was joined from: 0 when it was not written by a join (or is absent). */
    private static long storedJoinedFrom(org.apache.lucene.search.IndexSearcher s, String traceId) throws IOException {
        var top = s.search(LuceneQueries.trace(traceId), 1);
        if (top.scoreDocs.length == 0) {
            return 0;
        }
        var field = s.storedFields().document(top.scoreDocs[0].doc, java.util.Set.of(TraceFields.JOINED_FROM))
                .getField(TraceFields.JOINED_FROM);
        return field == null ? 0 : field.numericValue().longValue();
    }

    /** Buffers hop records like {@link #stage}: the next commit makes them durable and visible. */
    synchronized void stageHops(Collection<org.mailtrace.store.HopRecord> records) {
        ensureUsable();
        List<org.mailtrace.store.HopRecord> copy = List.copyOf(records);
        staging.submit(() -> HopDocuments.upsert(writer, copy));
    }

    private void apply(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) throws IOException {
        for (String id : deletedTraceIds) {
            writer.deleteDocuments(new Term(TraceFields.TRACE_ID, id));
            if (joinsWritten) {
                joinedSinceCommit.put(id, 0L);
            }
        }
        for (MessageTrace trace : upserts) {
            writer.updateDocuments(new Term(TraceFields.TRACE_ID, trace.messageTraceId()),
                    TraceDocuments.toDocuments(trace));
            if (joinsWritten) {
                joinedSinceCommit.put(trace.messageTraceId(), 0L); // a plain upsert counts as joined from 0
            }
        }
        flushAhead.afterBatch(writer);
    }

    StateFiles states() {
        return states;
    }

    /** Deletes every trace and row received before the cutoff and commits; returns the traces removed. */
    synchronized long deleteReceivedBefore(long cutoffNanos) {
        ensureUsable();
        try {
            staging.awaitIdle();
            long traces = withSearcher(s -> (long) s.count(LuceneQueries.tracesReceivedBefore(cutoffNanos)));
            // Hop records of that time go with the traces.
            if (traces == 0 && withSearcher(s -> s.count(HopDocuments.before(cutoffNanos))) == 0) {
                return 0;
            }
            writer.deleteDocuments(LuceneQueries.receivedBefore(cutoffNanos), HopDocuments.before(cutoffNanos));
            writer.commit();
            joinedSinceCommit.clear();
            refresh();
            return traces;
        } catch (Exception e) {
            throw failed("deleting traces received before the cutoff", e);
        }
    }

    @Override
    public <T> T withSearcher(SearchWork<T> work) throws IOException {
        SearcherManager manager = searchers;
        var searcher = manager.acquire();
        try {
            return work.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw StoreErrors.of(dataDir, "refreshing searchers after a commit (the commit itself succeeded)", e);
        }
    }

    private StoreException failed(String doing, Exception e) {
        StoreException error = StoreErrors.of(dataDir, doing, e);
        joinedSinceCommit.clear();
        try {
            writer.rollback();
        } catch (IOException | RuntimeException rollbackFailure) {
            error.addSuppressed(rollbackFailure);
        }
        SearcherManager old = searchers;
        try {
            openWriter();
            IOUtils.closeWhileHandlingException(old);
        } catch (IOException | RuntimeException reopenFailure) {
            error.addSuppressed(reopenFailure);
            broken = StoreErrors.of(dataDir, "reopening the store after a failed write", reopenFailure);
        }
        return error;
    }

    private void ensureUsable() {
        if (lostCommit != null) {
            throw lostCommitError();
        }
        if (broken != null) {
            throw new StoreException(broken.getMessage() + " (close and reopen the store)", broken);
        }
    }

    /**
     * Ingest caught up with its live sources: from now on the writer merges as {@link
     * MergePolicies#favourSearches} says, starting with the segments a bulk ingest left. The merges
     * run on the writer's merge threads and become durable with the next commit; closing the store
     * before that drops them, and the next writer does them again.
     */
    synchronized void caughtUp() {
        ensureUsable();
        if (MergePolicies.favourSearches(merges)) {
            try {
                writer.maybeMerge();
            } catch (IOException | RuntimeException e) {
                // Merging is an optimisation: the writer's own tragic-error handling reports real trouble at the next commit.
                LoggerFactory.getLogger(LiveIndex.class).warn("{}: merging segments after catching up failed: {}", dataDir, e.toString());
            }
        }
    }

    /** The policy every writer of this store merges by; for tests. */
    TieredMergePolicy mergePolicy() {
        return merges;
    }

    /** Discards anything uncommitted (there is nothing: every change is committed by its call) and releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        staging.close();
        flushAhead.close();
        IOUtils.close(searchers, writer, directory);
    }
}
