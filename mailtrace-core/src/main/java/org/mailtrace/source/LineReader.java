package org.mailtrace.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines, tracking byte offsets. Bytes, not chars, so offsets are exact
 * for resuming; lines longer than {@code maxLineBytes} are cut (flagged) and the rest skipped, so
 * memory stays bounded whatever the input.
 *
 * <p>A last line without a newline is returned by default (a truncated log still counts). With
 * {@code completeLinesOnly} it is held back instead: a file being followed ends in a line the MTA
 * is still writing, and consuming half of it would split one log line into two broken ones.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private long offset;
    private long lineNumber;
    private boolean eof;
    private final boolean completeLinesOnly;

    LineReader(InputStream in, long startOffset, long startLine, int maxLineBytes) {
        this(in, startOffset, startLine, maxLineBytes, false);
    }

    /**
     * @param completeLinesOnly true to return null instead of a last line that has no newline yet;
     *                          its bytes are then consumed from {@code in} but not counted in the offset,
     *                          so the caller re-reads them from {@link #offset()} later
     */
    LineReader(InputStream in, long startOffset, long startLine, int maxLineBytes, boolean completeLinesOnly) {
        this.in = in;
        this.offset = startOffset;
        this.lineNumber = startLine;
        this.maxLineBytes = maxLineBytes;
        this.completeLinesOnly = completeLinesOnly;
    }

    /** Byte offset just past the last line returned. */
    long offset() {
        return offset;
    }

    /** Number of the last line returned. */
    long lineNumber() {
        return lineNumber;
    }

    SourceLine next() throws IOException {
        // Most lines lie whole in the buffer: decode them from there, found and checked for ASCII
        // in one pass, instead of copying them to the line buffer first.
        if (pos < limit) {
            int start = pos;
            int bits = 0;
            int nl = -1;
            for (int i = start; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    nl = i;
                    break;
                }
                bits |= b;
            }
            if (nl >= 0 && nl - start <= maxLineBytes) {
                pos = nl + 1;
                offset += nl + 1 - start;
                lineNumber++;
                int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                return line(buf, start, end - start, bits >= 0, false);
            }
        }
        int len = 0;
        long consumed = 0;
        boolean truncated = false;
        boolean sawNewline = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    break;
                }
            }
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            int chunk = end - start;
            consumed += chunk;
            int room = maxLineBytes - len;
            if (chunk > room) {
                truncated = true;
            }
            int take = Math.min(chunk, Math.max(room, 0));
            if (take > 0) {
                ensure(len + take);
                System.arraycopy(buf, start, line, len, take);
                len += take;
            }
            if (nl >= 0) {
                pos = nl + 1;
                consumed += 1;
                sawNewline = true;
                break;
            }
            pos = limit;
        }
        if (!sawNewline && (consumed == 0 || completeLinesOnly)) {
            return null;
        }
        offset += consumed;
        lineNumber++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        SourceLine read = line(line, 0, len, isAscii(line, len), truncated);
        if (line.length > 1 << 20 && len < 1024) {
            line = new byte[1024]; // do not keep a huge buffer alive after one monster line
        }
        return read;
    }

    /** The line of {@code len} bytes at {@code from}; ASCII needs no UTF-8 decoding (Latin-1 gives the same chars, faster). */
    private SourceLine line(byte[] bytes, int from, int len, boolean ascii, boolean truncated) {
        if (ascii) {
            return new SourceLine(new String(bytes, from, len, StandardCharsets.ISO_8859_1), lineNumber, offset, false,
                    truncated);
        }
        String text = new String(bytes, from, len, StandardCharsets.UTF_8);
        return new SourceLine(text, lineNumber, offset, text.indexOf('\uFFFD') >= 0, truncated);
    }

    private static boolean isAscii(byte[] bytes, int len) {
        for (int i = 0; i < len; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
