package org.mailtrace.store.lucene;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.mailtrace.model.MessageTrace;

/**
 * Migration of a format-1 store to format 2: every trace still in an older layout (stored before the
 * page-row doc values existed, or as JSON text) is rewritten from its stored trace in the current
 * layout, so its page rows come from doc values instead of the slow stored-trace path. Traces
 * already in the current layout are left as they are. Nothing is committed here: the caller's one
 * commit makes the rewrite and the new format number durable together, so a crash mid-way leaves
 * the format-1 store as it was, and the next start migrates again.
 *
 * <p>A long migration (a million old traces take minutes) reports its progress through {@code report}
 * as a text bar with the count and the time left, at most every {@code everyNanos}.
 */
final class StoreMigration {
    private final IndexWriter writer;
    private final Consumer<String> report;
    private final long everyNanos;

    StoreMigration(IndexWriter writer, Consumer<String> report, long everyNanos) {
        this.writer = writer;
        this.report = report;
        this.everyNanos = everyNanos;
    }

    /** Traces in an older layout: a trace document without the page-row doc value. */
    static Query oldLayoutTraces() {
        return new BooleanQuery.Builder()
                .add(LuceneQueries.kind(TraceFields.TRACE), Occur.FILTER)
                .add(new FieldExistsQuery(TraceFields.VIEW_TRACE), Occur.MUST_NOT)
                .build();
    }

    /** Rewrites every old-layout trace in the writer (uncommitted); returns how many. */
    long rewriteOldLayout() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Query query = searcher.rewrite(oldLayoutTraces());
            int total = searcher.count(query);
            if (total == 0) {
                return 0;
            }
            report.accept("rewriting " + String.format("%,d", total) + " traces stored in an older layout");
            Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
            long done = 0;
            long started = System.nanoTime();
            long lastReport = started;
            for (LeafReaderContext leaf : reader.leaves()) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                DocIdSetIterator docs = scorer.iterator();
                // The reader is a point-in-time view: rewriting through the writer does not move its documents.
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue; // deleted (replaced by a later upsert): its newer version is already current
                    }
                    Document d = stored.document(doc, StoredTrace.FIELDS);
                    MessageTrace trace = StoredTrace.read(d);
                    writer.updateDocuments(new Term(TraceFields.TRACE_ID, trace.messageTraceId()),
                            TraceDocuments.toDocuments(trace));
                    done++;
                    long now = System.nanoTime();
                    if (now - lastReport >= everyNanos) {
                        lastReport = now;
                        report.accept(bar(done, total, now - started));
                    }
                }
            }
            report.accept(bar(done, total, System.nanoTime() - started));
            return done;
        }
    }

    /** {@code [########------------] 40% 4,000 of 10,000 traces, about 12 s left}. */
    static String bar(long done, long total, long elapsedNanos) {
        double frac = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(frac * 20);
        String left = done >= total ? "done in " + Math.max(1, elapsedNanos / 1_000_000_000L) + " s"
                : done == 0 ? "time left unknown"
                : "about " + Math.max(1, (long) (elapsedNanos / 1e9 / frac - elapsedNanos / 1e9)) + " s left";
        return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "] " + Math.round(frac * 100) + "% "
                + String.format("%,d of %,d", done, total) + " traces, " + left;
    }
}
