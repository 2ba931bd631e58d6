package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.SmtpDisconnect;

/** The DATA/BDAT counters of a disconnect line, read without a regex. */
class DataCommandsTest {
    /**
     * What the counter read was before: the sum of every {@code \b(?:data|bdat)=(\d+)}, here capped
     * at Integer.MAX_VALUE (the regex version threw on a counter past it).
     */
    private static final Pattern COUNTER = Pattern.compile("\\b(?:data|bdat)=(\\d+)");

    private static SmtpDisconnect disconnect(String message) {
        return new SmtpDisconnect(new LineMeta(Instant.EPOCH, "mx", "postfix", "smtpd", 42, "t:1", message), null);
    }

    private static int byRegex(String message) {
        if (!message.contains("commands=")) {
            return -1;
        }
        java.math.BigInteger n = java.math.BigInteger.ZERO;
        Matcher m = COUNTER.matcher(message);
        while (m.find()) {
            n = n.add(new java.math.BigInteger(m.group(1)));
        }
        return n.min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    @Test
    void sumsAcceptedDataAndBdatCommands() {
        assertThat(Correlator.dataCommands(disconnect(
                "disconnect from a[192.0.2.1] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6"))).isEqualTo(1);
        assertThat(Correlator.dataCommands(disconnect(
                "disconnect from a[192.0.2.1] ehlo=2 starttls=1 mail=2 rcpt=2 data=1/2 bdat=3 quit=1 commands=10/11"))).isEqualTo(4);
    }

    @Test
    void countsNothingInsideAnotherWordOrWithoutDigits() {
        assertThat(Correlator.dataCommands(disconnect("disconnect xdata=5 bdat= data=x commands=1"))).isZero();
        assertThat(Correlator.dataCommands(disconnect("disconnect from a[192.0.2.1] ehlo=1 quit=1"))).isEqualTo(-1);
        assertThat(Correlator.dataCommands(null)).isEqualTo(-1);
    }

    @Test
    void aCounterPastTheIntRangeCountsAsTheLargestInt() {
        assertThat(Correlator.dataCommands(disconnect("disconnect data=99999999999 bdat=1 commands=2")))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Property
    void agreesWithTheRegexOnAnyCounterText(@ForAll("counterTexts") String message) {
        assertThat(Correlator.dataCommands(disconnect(message))).isEqualTo(byRegex(message));
    }

    @Provide
    Arbitrary<String> counterTexts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("data=", "bdat=", "commands=", "xdata=", "_bdat=", "ßdata=", "/", " ", "=", "datadata=",
                        "bdata=", "ehlo=1", "dat", "a=", "é"),
                Arbitraries.integers().between(0, 99999).map(String::valueOf));
        return piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
