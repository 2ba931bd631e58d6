package org.mailtrace.store.lucene;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
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
import org.apache.lucene.search.WildcardQuery;

/**
 * Subject "contains", checked per candidate row on the subject doc value instead of by a
 * leading-wildcard term enumeration.
 *
 * <p>Why: {@code *text*} over the subject terms visits every distinct subject of every segment and
 * unions the postings of all that match, whatever the page size: its cost grows with the index.
 * Checked lazily, the criterion costs only for the rows another clause leads to, usually the
 * newest time slice {@link NewestFirst} searches, and each distinct subject of a segment is
 * lowercased and tested at most once per search (a verdict per ordinal, kept across slices).
 * Segments with rows written before the doc value existed use the wildcard query instead.
 *
 * <p>Semantics as the wildcard on the indexed key: the lowercased subject, of which a subject over
 * 4,000 characters keeps only its start. One instance serves one search and is never cached.
 */
final class SubjectContainsQuery extends Query {
    private static final byte UNKNOWN = 0;
    private static final byte MATCHES = 1;
    private static final byte DIFFERS = 2;

    private final String needle;
    private final Query fallback;
    private final Map<LeafReader, byte[]> verdicts = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param lowercased the text, already lowercased */
    SubjectContainsQuery(String lowercased) {
        this.needle = lowercased;
        this.fallback = new WildcardQuery(new Term(TraceFields.SUBJECT, "*" + AddressPatterns.escapeAll(lowercased) + "*"));
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            private Weight wildcard;

            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                LeafReader reader = context.reader();
                if (!everyRowHasViews(reader)) {
                    if (wildcard == null) {
                        wildcard = searcher.createWeight(searcher.rewrite(fallback), ScoreMode.COMPLETE_NO_SCORES, 1f);
                    }
                    return wildcard.scorer(context);
                }
                SortedDocValues subjects = reader.getSortedDocValues(TraceFields.VIEW_SUBJECT);
                if (subjects == null) {
                    return null;
                }
                byte[] known = verdicts.computeIfAbsent(reader, r -> new byte[subjects.getValueCount()]);
                TwoPhaseIterator check = new TwoPhaseIterator(subjects) {
                    @Override
                    public boolean matches() throws IOException {
                        int ord = subjects.ordValue();
                        if (known[ord] == UNKNOWN) {
                            String subject = subjects.lookupOrd(ord).utf8ToString().toLowerCase(Locale.ROOT);
                            known[ord] = subject.contains(needle) ? MATCHES : DIFFERS;
                        }
                        return known[ord] == MATCHES;
                    }

                    @Override
                    public float matchCost() {
                        return 50;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, check);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false; // caching would evaluate every row of the segment, the cost this avoids
            }
        };
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
