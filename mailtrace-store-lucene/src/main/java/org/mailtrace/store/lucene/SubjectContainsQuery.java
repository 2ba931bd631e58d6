package org.mailtrace.store.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
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
import org.apache.lucene.util.BytesRef;

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
    private final byte[] asciiNeedle;
    private final Map<LeafReader, Verdicts> verdicts = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param lowercased the text, already lowercased */
    SubjectContainsQuery(String lowercased) {
        this.needle = lowercased;
        this.asciiNeedle = isAscii(lowercased) ? lowercased.getBytes(StandardCharsets.US_ASCII) : null;
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
                Verdicts known = verdicts.computeIfAbsent(reader, r -> new Verdicts(subjects.getValueCount()));
                TwoPhaseIterator check = new TwoPhaseIterator(subjects) {
                    @Override
                    public boolean matches() throws IOException {
                        return known.matches(subjects, subjects.ordValue());
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

    /**
     * The verdict per distinct subject (ordinal) of one segment. Looked up one at a time while few
     * are needed (a random ordinal costs a block decompression); once the lookups pass a 32nd of
     * the dictionary, the rest is decided in one sequential pass over it, which is far cheaper per
     * subject. So a common text costs only the newest rows, and a rare one at most one dictionary pass.
     */
    private final class Verdicts {
        private final byte[] known;
        private int lookups;
        private boolean complete;

        Verdicts(int valueCount) {
            known = new byte[valueCount];
        }

        boolean matches(SortedDocValues subjects, int ord) throws IOException {
            if (known[ord] == UNKNOWN) {
                if (!complete && ++lookups > known.length / 32 + 64) {
                    decideAll(subjects);
                } else {
                    known[ord] = contains(subjects.lookupOrd(ord)) ? MATCHES : DIFFERS;
                }
            }
            return known[ord] == MATCHES;
        }

        private void decideAll(SortedDocValues subjects) throws IOException {
            TermsEnum all = subjects.termsEnum();
            int ord = 0;
            for (BytesRef subject = all.next(); subject != null; subject = all.next(), ord++) {
                if (known[ord] == UNKNOWN) {
                    known[ord] = contains(subject) ? MATCHES : DIFFERS;
                }
            }
            complete = true;
        }
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
