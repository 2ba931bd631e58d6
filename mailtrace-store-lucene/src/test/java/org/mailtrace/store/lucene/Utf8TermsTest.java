package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Terms must be the bytes Lucene's own conversion makes, or old and new documents would not match alike. */
class Utf8TermsTest {
    @Test
    void bytesAreWhatLuceneMakesForEveryString() {
        for (String s : List.of("", "a", "user@example.org", "?", "a?b", "é", "Grüße ✉", "\uD83D\uDCE7 mail",
                "lone \uD83D surrogate", "\uDCE7", "end \uD83D", "?\uD83D?", "x".repeat(5000))) {
            assertThat(Utf8Terms.of(s)).as(s).isEqualTo(new BytesRef(s));
        }
    }
}
