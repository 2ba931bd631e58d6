package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader splits bytes into the lines a plain split at {@code \n} gives, whatever the line
 * lengths, encodings and read sizes: lines inside its buffer take a shorter path than lines that
 * cross it, and both must agree.
 */
class LineReaderTest {
    private static final int MAX = 300;

    @Test
    void readsTheLinesASplitAtNewlinesGivesAcrossBufferEdgesAndShortReads() throws IOException {
        for (int seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            byte[] log = randomLog(random, 250_000, seed % 2 == 0);
            List<SourceLine> expected = reference(log, MAX);
            for (int chunk : new int[] {1 << 20, 4096, 777}) {
                assertThat(readAll(log, chunk)).as("seed %d, reads of %d bytes", seed, chunk)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void flagsInvalidUtf8AndLongLinesAndKeepsALastLineWithoutNewline() throws IOException {
        byte[] log = concat("plain\r\n".getBytes(StandardCharsets.UTF_8), new byte[] {'a', (byte) 0xC3, '\n'},
                "caf\u00e9\n".getBytes(StandardCharsets.UTF_8), "x".repeat(MAX + 5).getBytes(StandardCharsets.US_ASCII),
                "\nlast".getBytes(StandardCharsets.UTF_8));
        List<SourceLine> lines = readAll(log, 1 << 20);
        assertThat(lines).extracting(SourceLine::text)
                .containsExactly("plain", "a\uFFFD", "caf\u00e9", "x".repeat(MAX), "last");
        assertThat(lines).extracting(SourceLine::invalidUtf8).containsExactly(false, true, false, false, false);
        assertThat(lines).extracting(SourceLine::truncated).containsExactly(false, false, false, true, false);
        assertThat(lines.get(4).endOffset()).isEqualTo(log.length);
    }

    private static List<SourceLine> readAll(byte[] log, int chunk) throws IOException {
        LineReader reader = new LineReader(new ShortReads(log, chunk), 0, 0, MAX);
        List<SourceLine> out = new ArrayList<>();
        for (SourceLine line; (line = reader.next()) != null; ) {
            out.add(line);
        }
        assertThat(reader.offset()).isEqualTo(log.length);
        return out;
    }

    /** What the reader must return, computed the obvious way. */
    private static List<SourceLine> reference(byte[] log, int max) {
        List<SourceLine> out = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < log.length) {
            int nl = start;
            while (nl < log.length && log[nl] != '\n') {
                nl++;
            }
            int len = nl - start;
            boolean truncated = len > max;
            int keep = Math.min(len, max);
            if (keep > 0 && log[start + keep - 1] == '\r') {
                keep--;
            }
            byte[] bytes = Arrays.copyOfRange(log, start, start + keep);
            String text = new String(bytes, StandardCharsets.UTF_8);
            boolean ascii = true;
            for (byte b : bytes) {
                ascii &= b >= 0;
            }
            int end = Math.min(nl + 1, log.length);
            out.add(new SourceLine(text, ++number, end, !ascii && text.indexOf('\uFFFD') >= 0, truncated));
            start = end;
        }
        return out;
    }

    private static byte[] randomLog(Random random, int size, boolean endsWithNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            int len = random.nextInt(20) == 0 ? MAX + random.nextInt(2 * MAX) : random.nextInt(200);
            for (int i = 0; i < len; i++) {
                int kind = random.nextInt(100);
                if (kind < 90) {
                    out.write(' ' + random.nextInt(95));
                } else if (kind < 95) {
                    out.writeBytes("\u00fc\u20ac".getBytes(StandardCharsets.UTF_8));
                } else if (kind < 97) {
                    out.write(0x80 + random.nextInt(128)); // a stray byte: invalid UTF-8
                } else {
                    out.write(random.nextBoolean() ? '\r' : '\t');
                }
            }
            if (random.nextInt(10) == 0) {
                out.write('\r');
            }
            out.write('\n');
        }
        if (!endsWithNewline) {
            out.writeBytes("no newline at the end".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
