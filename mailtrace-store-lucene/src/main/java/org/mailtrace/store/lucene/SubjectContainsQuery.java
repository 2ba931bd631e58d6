package org.mailtrace.store.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Subject "contains" for a page search: checked per candidate row on the subject doc value while
 * that is cheap, by the leading-wildcard term query where the text turns out rare.
 *
 * <p>Why: {@code *text*} over the subject terms visits every distinct subject of a segment and
 * unions the postings of all that match, whatever the page size; for a common text that is most of
 * the cost of a first page. Checked lazily, the criterion costs only for the rows another clause
 * leads to, usually the newest time slice {@link NewestFirst} searches, and each distinct subject
 * of a segment is lowercased and tested at most once per search. But a rare text makes the slices
 * widen over many rows, and a random dictionary lookup per new subject then costs more than the
 * term enumeration: after {@link #SWITCH_AFTER_ROWS} rows of a segment, that segment uses the
 * wildcard query's hits (computed once). Segments holding rows written before the doc value
 * existed always do. Counting ({@code count}, {@code aggregate}) uses the wildcard query directly.
 *
 * <p>Semantics as the wildcard on the indexed key: the lowercased subject, of which a subject over
 * 4,000 characters keeps only its start. One instance serves one search and is never cached.
 */
final class SubjectContainsQuery extends Query {
    private static final byte UNKNOWN = 0;
    private static final byte MATCHES = 1;
    private static final byte DIFFERS = 2;
    /**
     * Rows checked one by one before the search may switch to the wildcard query, which it does
     * when fewer than one in {@link #RARE_BELOW} matched: a page then needs many more rows, and a
     * random dictionary lookup per new subject (about a microsecond) soon costs more than the term
     * enumeration (~10-25 ms over all segments at 1M messages for a rare text, measured). A common
     * text ("meeting", 12% of rows) fills a page within a few thousand rows; its wildcard would
     * union the postings of ~180k rows (~60 ms).
     */
    private static final long SWITCH_AFTER_ROWS = 2_048;
    private static final long RARE_BELOW = 64;

    private final String needle;
    private final Query fallback;
    private final byte[] asciiNeedle;
    /** Rows checked one by one so far, and how many matched, over all segments and slices of this search. */
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final Map<LeafReader, SegmentState> states = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param lowercased the text, already lowercased */
    SubjectContainsQuery(String lowercased) {
        this.needle = lowercased;
        this.asciiNeedle = isAscii(lowercased) ? lowercased.getBytes(StandardCharsets.US_ASCII) : null;
        this.fallback = LuceneQueries.subjectWildcard(lowercased);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            private Weight wildcard;

            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                LeafReader reader = context.reader();
                SegmentState state = states.computeIfAbsent(reader, r -> new SegmentState());
                if (state.wildcardHits == null && (!everyRowHasViews(reader) || isRare())) {
                    state.wildcardHits = wildcardHits(context);
                }
                if (state.wildcardHits != null) {
                    return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(state.wildcardHits,
                            state.wildcardHits.cardinality()));
                }
                SortedDocValues subjects = reader.getSortedDocValues(TraceFields.VIEW_SUBJECT);
                if (subjects == null) {
                    return null;
                }
                if (state.known == null) {
                    state.known = new byte[subjects.getValueCount()];
                }
                byte[] known = state.known;
                TwoPhaseIterator check = new TwoPhaseIterator(subjects) {
                    @Override
                    public boolean matches() throws IOException {
                        if (state.wildcardHits != null) {
                            return state.wildcardHits.get(subjects.docID());
                        }
                        checked.incrementAndGet();
                        if (isRare()) { // also in the middle of a wide slice
                            state.wildcardHits = wildcardHits(context);
                            return state.wildcardHits.get(subjects.docID());
                        }
                        int ord = subjects.ordValue();
                        if (known[ord] == UNKNOWN) {
                            known[ord] = contains(subjects.lookupOrd(ord)) ? MATCHES : DIFFERS;
                        }
                        if (known[ord] == MATCHES) {
                            matched.incrementAndGet();
                            return true;
                        }
                        return false;
                    }

                    @Override
                    public float matchCost() {
                        return 50;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, check);
            }

            /** The segment's rows the wildcard query matches, computed once per search. */
            private FixedBitSet wildcardHits(LeafReaderContext context) throws IOException {
                if (wildcard == null) {
                    wildcard = searcher.createWeight(searcher.rewrite(fallback), ScoreMode.COMPLETE_NO_SCORES, 1f);
                }
                FixedBitSet hits = new FixedBitSet(context.reader().maxDoc());
                Scorer scorer = wildcard.scorer(context);
                if (scorer != null) {
                    hits.or(scorer.iterator());
                }
                return hits;
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false; // caching would evaluate every row of the segment, the cost this avoids
            }
        };
    }

    /** What one search learnt about one segment, kept across the slices of that search. */
    private static final class SegmentState {
        /** Verdict per distinct subject (ordinal): each is lowercased and tested once. */
        byte[] known;
        /** Set once the segment switched to the wildcard query. */
        FixedBitSet wildcardHits;
    }

    /** Whether the lowercased subject contains the needle; ASCII subjects are compared as bytes. */
    private boolean contains(BytesRef subject) {
        if (asciiNeedle != null && isAscii(subject)) {
            return containsIgnoringAsciiCase(subject, asciiNeedle);
        }
        return subject.utf8ToString().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static boolean containsIgnoringAsciiCase(BytesRef hay, byte[] lowerNeedle) {
        int last = hay.offset + hay.length - lowerNeedle.length;
        outer:
        for (int start = hay.offset; start <= last; start++) {
            for (int j = 0; j < lowerNeedle.length; j++) {
                byte b = hay.bytes[start + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerNeedle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isAscii(BytesRef bytes) {
        for (int i = bytes.offset; i < bytes.offset + bytes.length; i++) {
            if (bytes.bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Enough rows checked to tell, and fewer than one in {@link #RARE_BELOW} matched. */
    private boolean isRare() {
        long c = checked.get();
        return c > SWITCH_AFTER_ROWS && matched.get() * RARE_BELOW < c;
    }

    /** True when every row document of the segment carries the view doc values (none of the old layout). */
    private static boolean everyRowHasViews(LeafReader reader) throws IOException {
        NumericDocValues views = reader.getNumericDocValues(TraceFields.VIEW_ROW);
        return views != null && views.cost() >= reader.docFreq(new Term(TraceFields.KIND, TraceFields.ROW));
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(TraceFields.SUBJECT)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return "subjectContains(" + needle + ")";
    }

    @Override
    public boolean equals(Object other) {
        return this == other; // carries per-search state
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
