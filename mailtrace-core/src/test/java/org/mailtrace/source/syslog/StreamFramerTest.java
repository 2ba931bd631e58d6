package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mailtrace.source.ShortReads;

class StreamFramerTest {
    private static final String RFC5424 = "<22>1 2026-11-28T13:27:55.123+01:00 mail postfix/smtpd 17627 - - connect from unknown[127.0.0.1]";
    private static final String RFC3164 = "<22>Nov 28 13:27:55 mail postfix/smtpd[17627]: connect from unknown[127.0.0.1]";

    @Test
    void readsOctetCountedFramesBackToBack() throws IOException {
        String wire = octets(RFC5424) + octets(RFC3164);

        assertThat(texts(frames(wire, 64 * 1024, 1 << 20))).containsExactly(RFC5424, RFC3164);
    }

    @Test
    void readsOctetCountedFramesDeliveredOneByteAtATime() throws IOException {
        String wire = octets(RFC5424) + octets("<13>1 - - - - - - a\nmessage with a newline inside");

        assertThat(texts(frames(wire, 64 * 1024, 1)))
                .containsExactly(RFC5424, "<13>1 - - - - - - a\nmessage with a newline inside");
    }

    @Test
    void dropsTheLineEndRsyslogCountsIntoAnOctetCountedFrame() throws IOException {
        String wire = octets(RFC5424 + "\n") + octets("<13>1 - - - - - - crlf\r\n") + octets("<13>1 - - - - - - inner\nline");

        assertThat(texts(frames(wire, 1024, 5)))
                .containsExactly(RFC5424, "<13>1 - - - - - - crlf", "<13>1 - - - - - - inner\nline");
    }

    @Test
    void endsNonTransparentFramesAtLfCrlfAndNul() throws IOException {
        String wire = "<13>one\n<13>two\r\n<13>three\0<13>four\0\n";

        assertThat(texts(frames(wire, 64 * 1024, 3))).containsExactly("<13>one", "<13>two", "<13>three", "<13>four");
    }

    @Test
    void detectsTheFramingPerMessage() throws IOException {
        String wire = RFC3164 + "\n" + octets(RFC5424) + RFC3164 + "\r\n" + octets(RFC3164);

        assertThat(texts(frames(wire, 64 * 1024, 7))).containsExactly(RFC3164, RFC5424, RFC3164, RFC3164);
    }

    @Test
    void readsAMessageStartingWithDigitsButNoSpaceAsNewlineTerminated() throws IOException {
        assertThat(texts(frames("2026-11-28T13:27:55Z mail postfix/qmgr[1]: x\n", 1024, 5)))
                .containsExactly("2026-11-28T13:27:55Z mail postfix/qmgr[1]: x");
    }

    @Test
    void returnsTheLastMessageWithoutTerminatorAtEndOfStream() throws IOException {
        assertThat(texts(frames("<13>first\n<13>closed without newline", 1024, 4)))
                .containsExactly("<13>first", "<13>closed without newline");
    }

    @Test
    void reportsAnOctetCountedFrameCutByEndOfStreamAsBad() throws IOException {
        List<Frame> frames = frames(octets("<13>complete") + "40 <13>only part of it", 1024, 1 << 20);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).text()).isEqualTo("<13>complete");
        assertThat(frames.get(1).badReason()).startsWith("stream ended inside an octet-counted frame (19 of 40 octets)");
    }

    @Test
    void reportsAZeroOctetCountAsBadAndCarriesOn() throws IOException {
        List<Frame> frames = frames("0 " + octets("<13>next"), 1024, 1 << 20);

        assertThat(frames).extracting(Frame::badReason).containsExactly("zero octet count", null);
        assertThat(frames.get(1).text()).isEqualTo("<13>next");
    }

    @Test
    void cutsAnOversizeOctetCountedMessageAndResynchronisesOnTheNextFrame() throws IOException {
        String big = "<13>" + "x".repeat(5000);
        List<Frame> frames = frames(octets(big) + octets("<13>after"), 100, 512);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).truncated()).isTrue();
        assertThat(frames.get(0).text()).isEqualTo(big.substring(0, 100));
        assertThat(frames.get(1).truncated()).isFalse();
        assertThat(frames.get(1).text()).isEqualTo("<13>after");
    }

    @Test
    void cutsAnOversizeNewlineTerminatedMessageAndSkipsToItsEnd() throws IOException {
        String big = "<13>" + "y".repeat(5000);
        List<Frame> frames = frames(big + "\n<13>after\n", 100, 333);

        assertThat(frames).extracting(Frame::truncated).containsExactly(true, false);
        assertThat(texts(frames)).containsExactly(big.substring(0, 100), "<13>after");
    }

    @Test
    void passesBinaryGarbageThroughAsMessagesWithoutThrowing() throws IOException {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, '\n', (byte) 0xc3, '\n'};
        StreamFramer framer = new StreamFramer(new ByteArrayInputStream(garbage), 1024);

        Frame first = framer.next();
        Frame second = framer.next();

        assertThat(first.invalidUtf8(first.text())).isTrue();
        assertThat(second.bytes()).containsExactly((byte) 0xc3);
        assertThat(framer.next()).isNull();
    }

    @Test
    void skipsEmptyLinesBetweenFrames() throws IOException {
        assertThat(texts(frames("\n\r\n\0<13>a\n\n\n" + octets("<13>b") + "\n", 1024, 2))).containsExactly("<13>a", "<13>b");
    }

    @Test
    void treatsTenDigitsBeforeASpaceAsTextNotALength() throws IOException {
        assertThat(texts(frames("1234567890 not a length\n", 1024, 100))).containsExactly("1234567890 not a length");
    }

    @Property(tries = 200)
    void octetCountedFramesSurviveAnyReadSplit(@ForAll @IntRange(min = 1, max = 97) int chunk,
                                               @ForAll @IntRange(min = 0, max = 300) int extra) throws IOException {
        List<String> messages = List.of(RFC5424, "<13>" + "z".repeat(extra), RFC3164 + " \u00e9\u00e8", "<14>1 - - - - - -");
        StringBuilder wire = new StringBuilder();
        messages.forEach(m -> wire.append(octets(m)));

        assertThat(texts(frames(wire.toString(), 64 * 1024, chunk))).containsExactlyElementsOf(messages);
    }

    static String octets(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length + " " + message;
    }

    private static List<Frame> frames(String wire, int max, int chunk) throws IOException {
        StreamFramer framer = new StreamFramer(new ShortReads(wire.getBytes(StandardCharsets.UTF_8), chunk), max);
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = framer.next()) != null) {
            frames.add(f);
        }
        return frames;
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(f -> f.isBad() ? "BAD " + f.badReason() : f.text()).toList();
    }
}
