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
        String text = new String(line, 0, len, StandardCharsets.UTF_8);
        boolean invalid = !isAscii(len) && text.indexOf('\uFFFD') >= 0;
        if (line.length > 1 << 20 && len < 1024) {
            line = new byte[1024]; // do not keep a huge buffer alive after one monster line
        }
        return new SourceLine(text, lineNumber, offset, invalid, truncated);
    }

    private boolean isAscii(int len) {
        for (int i = 0; i < len; i++) {
            if (line[i] < 0) {
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
