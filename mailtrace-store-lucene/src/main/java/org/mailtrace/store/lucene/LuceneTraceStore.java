package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreStats;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * The embedded Lucene {@link TraceStore} under {@code <dataDir>/index}. Document layout in
 * {@link TraceDocuments}, query translation in {@link LuceneQueries}, paging in {@link PageCursor};
 * this class only sequences them. Read-only instances search the last commit on disk and refuse writes.
 */
public final class LuceneTraceStore implements TraceStore {

    private final Path dataDir;
    private final IndexSearchers searchers;
    private final LiveIndex writable;
    private final StateFiles states;

    private LuceneTraceStore(Path dataDir, IndexSearchers searchers, LiveIndex writable) {
        this.dataDir = dataDir;
        this.searchers = searchers;
        this.writable = writable;
        this.states = writable != null ? writable.states() : new StateFiles(dataDir);
    }

    /** Opens for ingest: creates the store if needed and holds the writer lock until {@link #close}. */
    public static LuceneTraceStore openWritable(Path dataDir) {
        LiveIndex index = LiveIndex.open(dataDir);
        return new LuceneTraceStore(dataDir, index, index);
    }

    /** Opens for searching only: no lock, nothing created; an absent store searches as empty. */
    public static LuceneTraceStore openReadOnly(Path dataDir) {
        return new LuceneTraceStore(dataDir, new CommittedIndex(dataDir), null);
    }

    @Override
    public void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint) {
        requireWritable("commit").commit(upserts, deletedTraceIds, checkpoint);
    }

    @Override
    public void commitInBackground(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                                   IngestCheckpoint checkpoint) {
        requireWritable("commit").commitInBackground(upserts, deletedTraceIds, checkpoint);
    }

    @Override
    public void awaitCommits() {
        requireWritable("wait for commits").awaitCommits();
    }

    @Override
    public void caughtUp() {
        requireWritable("merge segments").caughtUp();
    }

    @Override
    public void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
        requireWritable("stage traces").stage(upserts, deletedTraceIds);
    }

    @Override
    public IngestCheckpoint checkpoint() {
        return read("reading the ingest checkpoint", s -> {
            TopDocs top = s.search(LuceneQueries.kind(TraceFields.CHECKPOINT), 1);
            if (top.scoreDocs.length == 0) {
                return IngestCheckpoint.empty();
            }
            return CheckpointCodec.fromDocument(s.storedFields().document(top.scoreDocs[0].doc), states);
        });
    }

    @Override
    public TracePage search(TraceQuery query, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        LuceneQueries.rows(query); // rejects a bad IP or CIDR before any search
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return read("searching", s -> {
            int maxDoc = s.getIndexReader().maxDoc();
            // One extra hit tells whether a next page exists; never more than the index holds.
            int n = (int) Math.min((long) limit + 1, Math.max(1, maxDoc));
            TopFieldDocs top = NewestFirst.search(s, query, after, n);
            int shown = Math.min(limit, top.scoreDocs.length);
            List<TraceRow> rows = PageRows.of(s, top.scoreDocs, shown);
            String next = top.scoreDocs.length > limit
                    ? PageCursor.after((FieldDoc) top.scoreDocs[shown - 1]).encode() : null;
            return new TracePage(rows, next);
        });
    }

    @Override
    public long count(TraceQuery query) {
        Query q = LuceneQueries.rows(query);
        return read("counting", s -> (long) s.count(q));
    }

    @Override
    public StoreStats aggregate(TraceQuery scope, Instant start, Instant end, Duration bucket, int top) {
        new org.mailtrace.store.StatsCounter(start, end, bucket); // checks the range before any search
        Query q = LuceneQueries.rows(scope.toBuilder().start(start).end(end).build());
        return read("aggregating statistics", s -> LuceneStats.aggregate(s, q, start, end, bucket, top));
    }

    @Override
    public Optional<MessageTrace> get(String messageTraceId) {
        if (messageTraceId == null || messageTraceId.isBlank()) {
            return Optional.empty();
        }
        return read(messageTraceId + ": reading the trace", s -> loadTrace(s, messageTraceId.trim()));
    }

    private static Optional<MessageTrace> loadTrace(IndexSearcher s, String traceId) throws IOException {
        TopDocs top = s.search(LuceneQueries.trace(traceId), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        return Optional.of(StoredTrace.read(s.storedFields().document(top.scoreDocs[0].doc, StoredTrace.FIELDS)));
    }

    @Override
    public List<MessageTrace> findByMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return List.of();
        }
        Query q = LuceneQueries.tracesWithMessageId(messageId);
        return read(messageId + ": finding traces by Message-ID", s -> {
            int n = Math.max(1, s.count(q));
            List<MessageTrace> out = new ArrayList<>();
            for (ScoreDoc hit : s.search(q, n, LuceneQueries.TRACE_ORDER).scoreDocs) {
                out.add(StoredTrace.read(s.storedFields().document(hit.doc, StoredTrace.FIELDS)));
            }
            return out;
        });
    }

    @Override
    public long deleteReceivedBefore(Instant cutoff) {
        return requireWritable("delete traces").deleteReceivedBefore(TimeKeys.nanos(cutoff));
    }

    /** Hop records live in the trace index as their own kind of document ({@link HopDocuments}); writable stores only. */
    @Override
    public Optional<org.mailtrace.store.HopDirectory> hopDirectory() {
        if (writable == null) {
            return Optional.empty();
        }
        return Optional.of(new org.mailtrace.store.HopDirectory() {
            @Override
            public void publish(Collection<org.mailtrace.store.HopRecord> records) {
                requireWritable("publish hop records").stageHops(records);
            }

            @Override
            public void upsertJoined(Collection<org.mailtrace.store.JoinedTrace> traces) {
                requireWritable("store joined traces").stageJoined(traces);
            }

            @Override
            public List<org.mailtrace.store.HopRecord> find(Collection<String> queueIds) {
                return read("finding hop records", s -> HopDocuments.find(s, queueIds));
            }

            @Override
            public String toString() {
                return LuceneTraceStore.this.toString();
            }
        });
    }

    @Override
    public void close() {
        try {
            searchers.close();
        } catch (IOException e) {
            throw StoreErrors.of(dataDir, "closing the store", e);
        }
    }

    @Override
    public String toString() {
        return "LuceneTraceStore[" + dataDir + (writable == null ? ", read-only]" : "]");
    }

    private LiveIndex requireWritable(String doing) {
        if (writable == null) {
            throw StoreErrors.readOnly(dataDir, doing);
        }
        return writable;
    }

    private <T> T read(String doing, IndexSearchers.SearchWork<T> work) {
        try {
            return searchers.withSearcher(work);
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            throw new StoreException(dataDir + ": " + doing + " failed: the store is closed", e);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw StoreErrors.of(dataDir, doing, e);
        }
    }
}
