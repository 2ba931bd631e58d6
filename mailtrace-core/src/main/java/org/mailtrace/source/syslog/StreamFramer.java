package org.mailtrace.source.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a TCP (or TLS) byte stream into syslog messages per RFC 6587, deciding per message between
 * the two framings senders really use:
 * <ul>
 *   <li>octet counting, {@code MSG-LEN SP SYSLOG-MSG}: rsyslog's {@code TCP_Framing="octet-counted"},
 *       syslog-ng's {@code syslog()} driver. A frame that starts with digits and a space is read this way.</li>
 *   <li>non-transparent framing: the message ends at LF (a CR before it is dropped) or NUL: rsyslog's
 *       default, syslog-ng's {@code network()} driver, {@code logger --tcp}.</li>
 * </ul>
 * A line end at the end of an octet-counted frame (rsyslog's {@code RSYSLOG_SyslogProtocol23Format}
 * ends with LF, and counts it) is dropped too, so every message comes out without a terminator.
 * Terminators between frames are skipped. Messages longer than the limit are cut, flagged, and the
 * rest of the frame is skipped, so memory per connection stays bounded whatever the peer sends.
 * At the end of the stream an unterminated message is still returned (a sender that closes without
 * a final LF loses nothing); an octet-counted frame cut short is returned as bad.
 *
 * <p>Not thread-safe: one per connection.
 */
final class StreamFramer {
    /** Nine digits: up to 999,999,999 octets, beyond any real message; more is not a length. */
    private static final int MAX_COUNT_DIGITS = 9;

    private final InputStream in;
    private final int maxMessageBytes;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] msg = new byte[512];
    private int len;
    private boolean truncated;

    StreamFramer(InputStream in, int maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The next frame, or null at the end of the stream. Blocks while the peer sends nothing. */
    Frame next() throws IOException {
        int b;
        while ((b = peek()) == '\n' || b == '\r' || b == 0) {
            pos++;
        }
        if (b < 0) {
            return null;
        }
        len = 0;
        truncated = false;
        if (isDigit(b)) {
            int digits = 0;
            while ((b = peek()) >= 0 && isDigit(b) && digits <= MAX_COUNT_DIGITS) {
                append((byte) b);
                pos++;
                digits++;
            }
            if (b == ' ' && digits <= MAX_COUNT_DIGITS) {
                pos++;
                long count = Long.parseLong(new String(msg, 0, len, java.nio.charset.StandardCharsets.US_ASCII));
                return octetCounted(count);
            }
            // digits not followed by a space: an ordinary newline-terminated message that starts with digits
        }
        return terminated();
    }

    private Frame octetCounted(long count) throws IOException {
        len = 0;
        if (count == 0) {
            return Frame.bad("zero octet count");
        }
        long left = count;
        while (left > 0) {
            if (pos == limit && !fill()) {
                return Frame.bad("stream ended inside an octet-counted frame (" + (count - left) + " of " + count + " octets)");
            }
            int take = (int) Math.min(left, limit - pos);
            appendRange(pos, take);
            pos += take;
            left -= take;
        }
        return Frame.message(Arrays.copyOf(msg, withoutLineEnd()), truncated);
    }

    private Frame terminated() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            int end = pos;
            while (end < limit && buf[end] != '\n' && buf[end] != 0) {
                end++;
            }
            appendRange(pos, end - pos);
            if (end < limit) {
                pos = end + 1;
                break;
            }
            pos = limit;
        }
        return Frame.message(Arrays.copyOf(msg, withoutLineEnd()), truncated);
    }

    /** The length without a final LF and a CR before it (a cut message has no end to strip). */
    private int withoutLineEnd() {
        int n = len;
        if (!truncated && n > 0 && msg[n - 1] == '\n') {
            n--;
        }
        if (!truncated && n > 0 && msg[n - 1] == '\r') {
            n--;
        }
        return n;
    }

    private void append(byte b) {
        if (len < maxMessageBytes) {
            ensure(len + 1);
            msg[len++] = b;
        } else {
            truncated = true;
        }
    }

    private void appendRange(int from, int count) {
        int take = Math.min(count, maxMessageBytes - len);
        if (take < count) {
            truncated = true;
        }
        if (take > 0) {
            ensure(len + take);
            System.arraycopy(buf, from, msg, len, take);
            len += take;
        }
    }

    private void ensure(int capacity) {
        if (capacity > msg.length) {
            msg = Arrays.copyOf(msg, Math.min(Math.max(capacity, msg.length * 2), maxMessageBytes));
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }
}
