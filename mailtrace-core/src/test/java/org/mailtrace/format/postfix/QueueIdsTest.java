package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QueueIdsTest {
    /** The documented shapes, as regular expressions: the hand-written check must agree with them. */
    private static final Pattern SHORT = Pattern.compile("[0-9A-F]{6,15}");
    private static final Pattern LONG = Pattern.compile("[0-9BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz]{10,20}");

    @Test
    void recognisesShortAndLongQueueIdsAndRefusesWords() {
        assertThat(QueueIds.looksLike("3F1B6C0423")).isTrue();
        assertThat(QueueIds.looksLike("4XwH2p1Yv5zBQ3K")).isTrue();
        assertThat(QueueIds.looksLike("NOQUEUE")).isFalse();
        assertThat(QueueIds.looksLike("removed")).isFalse();
        assertThat(QueueIds.looksLike("ABCDE")).isFalse();
        assertThat(QueueIds.looksLike("")).isFalse();
    }

    @Property(tries = 3000)
    void agreesWithTheDocumentedShapes(@ForAll("candidates") String s) {
        boolean expected = SHORT.matcher(s).matches() || LONG.matcher(s).matches();
        assertThat(QueueIds.looksLike(s)).as(s).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.strings().withChars("0123456789ABCDEFabcdefXYZxyzeiouEIOU:-_é").ofMinLength(0).ofMaxLength(24);
    }
}
