package org.mailtrace.store.lucene;

import java.io.IOException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.mailtrace.store.TraceQuery;

/**
 * Finds the first {@code n} rows in {@link LuceneQueries#ROW_ORDER} by searching newest-first
 * time slices instead of the whole range.
 *
 * <p>Why: documents sit in ingest order (oldest first) while pages sort newest first, so for a
 * broad query (a status over a day) every newer document beats the current top n and Lucene's
 * sort cannot skip any: the cost grows with the hits, not with the page. A slice
 * {@code [hi - w, hi]} ending at the newest possible row holds only the newest hits; every hit in
 * it sorts before every hit outside it (received is the first sort key), so when it yields
 * {@code n} hits they are exactly the first {@code n} of the whole range. Otherwise the slice is
 * widened (two to eight times, by the density of hits it showed, see {@link #growth}) and searched
 * again, until it reaches the lower bound; the last search then covers the whole range. Criteria
 * that lead to few candidates anyway (a recipient, a Message-ID) skip the slices: one search over
 * the whole range is cheaper than several narrow ones.
 */
final class NewestFirst {
    /** Slices start with room for about this many times n documents at the index's mean density. */
    private static final double FIRST_SLICE_PAGES = 4;
    private static final long MIN_SLICE_NANOS = 1_000_000_000L;
    private static final long MIN_GROWTH = 2;
    /** Up to this many candidates (or 50 pages; at most an 8th of the index) one search covers the whole range. */
    private static final long SELECTIVE_CANDIDATES = 10_000;
    private static final long MAX_GROWTH = 8;

    private NewestFirst() {
    }

    /** The first {@code n} hits after the cursor (null: from the start), with their sort values. */
    static TopFieldDocs search(IndexSearcher s, TraceQuery query, PageCursor after, int n) throws IOException {
        int maxDoc = s.getIndexReader().maxDoc();
        FieldDoc afterDoc = after == null ? null : after.toFieldDoc(maxDoc);
        byte[] minPacked = PointValues.getMinPackedValue(s.getIndexReader(), TraceFields.RECEIVED);
        byte[] maxPacked = PointValues.getMaxPackedValue(s.getIndexReader(), TraceFields.RECEIVED);
        if (minPacked == null || maxPacked == null) {
            return s.searchAfter(afterDoc, LuceneQueries.rows(query), n, LuceneQueries.ROW_ORDER, false);
        }
        long lo = LongPoint.decodeDimension(minPacked, 0);
        long hi = LongPoint.decodeDimension(maxPacked, 0);
        if (query.start() != null) {
            lo = Math.max(lo, TimeKeys.nanos(query.start()));
        }
        if (query.end() != null) {
            hi = Math.min(hi, TimeKeys.nanos(query.end()) - 1);
        }
        if (after != null) {
            hi = Math.min(hi, after.receivedNanos()); // rows of the same instant may follow the cursor
        }
        if (hi < lo) {
            return new TopFieldDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0],
                    LuceneQueries.ROW_ORDER.getSort()); // nothing was received in the range
        }
        Query criteria = LuceneQueries.criteria(query, true);
        if (isSelective(s, criteria, n)) {
            return s.searchAfter(afterDoc, LuceneQueries.within(criteria, lo, hi), n, LuceneQueries.ROW_ORDER, false);
        }
        long width = firstWidth(lo, hi, n, maxDoc);
        while (true) {
            boolean whole = Long.compareUnsigned(width, hi - lo) >= 0;
            long from = whole ? lo : hi - width;
            TopFieldDocs top = s.searchAfter(afterDoc, LuceneQueries.within(criteria, from, hi), n,
                    LuceneQueries.ROW_ORDER, false);
            if (whole || top.scoreDocs.length >= n) {
                return top;
            }
            long factor = growth(top.scoreDocs.length, n);
            width = width > Long.MAX_VALUE / factor ? Long.MAX_VALUE : width * factor;
        }
    }

    /**
     * True when the criteria lead to few candidates (a recipient, a Message-ID): sorting them all
     * costs less than several slice searches. Lucene's own estimate, the cost of the cheapest
     * required clause per segment, before any document is read.
     */
    private static boolean isSelective(IndexSearcher s, Query criteria, int n) throws IOException {
        long limit = Math.min(Math.max(SELECTIVE_CANDIDATES, 50L * n), s.getIndexReader().maxDoc() / 8);
        Weight weight = s.createWeight(s.rewrite(criteria), ScoreMode.COMPLETE_NO_SCORES, 1f);
        long candidates = 0;
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            if (supplier != null) {
                candidates += supplier.cost();
                if (candidates > limit) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * How much wider the next slice is: aimed at 1.5 times the hits still missing at the density
     * this slice showed, at least twice (so the number of searches stays logarithmic) and at most
     * eight times as wide (a slice with few hits says little about the density).
     */
    static long growth(int hits, int n) {
        if (hits == 0) {
            return MAX_GROWTH;
        }
        double wanted = 1.5 * n / hits;
        return Math.max(MIN_GROWTH, Math.min(MAX_GROWTH, (long) Math.ceil(wanted)));
    }

    /** Room for a few pages of documents at the index's mean density, at least a second. */
    private static long firstWidth(long lo, long hi, int n, int maxDoc) {
        double span = (double) hi - (double) lo + 1;
        double width = span * FIRST_SLICE_PAGES * n / Math.max(1, maxDoc);
        return width >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(MIN_SLICE_NANOS, (long) width);
    }
}
