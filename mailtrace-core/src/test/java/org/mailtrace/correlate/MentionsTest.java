package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link MessageTraceBuilder#mentions} answers what a lower-case copy and {@code contains} answer. */
class MentionsTest {
    @Property(tries = 2000)
    void agreesWithALowerCaseCopy(@ForAll("replies") String reply) {
        assertThat(MessageTraceBuilder.mentions(reply, "discarded"))
                .isEqualTo(reply.toLowerCase(Locale.ROOT).contains("discarded"));
    }

    @Test
    void findsTheWordInAnyCaseAndNotInUnicodeLookAlikes() {
        assertThat(MessageTraceBuilder.mentions("250 2.0.0 Ok: DISCARDED by policy", "discarded")).isTrue();
        assertThat(MessageTraceBuilder.mentions("250 2.0.0 Ok: queued as 4AB12C", "discarded")).isFalse();
        assertThat(MessageTraceBuilder.mentions(null, "discarded")).isFalse();
        assertThat(MessageTraceBuilder.mentions("", "discarded")).isFalse();
        // U+0130 lower-cases to "i" plus a combining dot: no match, as with the lower-case copy.
        assertThat(MessageTraceBuilder.mentions("d\u0130scarded", "discarded")).isFalse();
        assertThat(MessageTraceBuilder.mentions("caf\u00e9 Discarded", "discarded")).isTrue();
    }

    @Provide
    Arbitrary<String> replies() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("dDiIsScCaArReE \u0130\u00e9K\u212a.:").ofMaxLength(30);
        Arbitrary<String> word = Arbitraries.of("discarded", "DISCARDED", "Discarded", "discard", "d\u0130scarded", "");
        return net.jqwik.api.Combinators.combine(noise, word, noise).as((a, w, b) -> a + w + b);
    }
}
