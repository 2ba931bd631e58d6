package org.mailtrace.store.lucene;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.BytesRef;

/**
 * Terms and doc values as UTF-8 made by the JDK ({@code String.getBytes}, a copy for ASCII) instead
 * of Lucene's {@code new BytesRef(CharSequence)}, which encodes char by char: under the C1-only
 * JIT of a one-shot ingest that was about 4% of the indexing thread, over some 30 values per row.
 * The bytes are the same as Lucene's for every string, except that Lucene writes U+FFFD for a
 * lone surrogate where the JDK writes '?': such a string (and any non-ASCII one, rare in these
 * values) is left to Lucene.
 */
final class Utf8Terms {
    private Utf8Terms() {
    }

    static BytesRef of(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length != s.length()) {
            return new BytesRef(s);
        }
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && s.charAt(i) != '?') { // a lone surrogate the JDK replaced
                return new BytesRef(s);
            }
        }
        return new BytesRef(utf8);
    }
}
