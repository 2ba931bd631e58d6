package org.mailtrace.source.syslog;

import java.util.Arrays;

/**
 * RFC 5426: one datagram is one message. Senders differ only in what they append (rsyslog nothing,
 * {@code logger} and some appliances a LF, CRLF or NUL), so trailing terminators are dropped.
 */
final class DatagramFramer {

    private DatagramFramer() {
    }

    static Frame frame(byte[] data, int offset, int length, int maxMessageBytes) {
        int end = offset + length;
        while (end > offset && (data[end - 1] == '\n' || data[end - 1] == '\r' || data[end - 1] == 0)) {
            end--;
        }
        int n = end - offset;
        if (n == 0) {
            return Frame.bad("empty datagram");
        }
        boolean truncated = n > maxMessageBytes;
        return Frame.message(Arrays.copyOfRange(data, offset, offset + Math.min(n, maxMessageBytes)), truncated);
    }
}
