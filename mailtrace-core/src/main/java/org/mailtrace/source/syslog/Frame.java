package org.mailtrace.source.syslog;

import java.nio.charset.StandardCharsets;

/**
 * One frame cut from a byte stream or datagram: a message, or bytes that were not one.
 *
 * @param bytes      the message bytes without framing (null for a bad frame)
 * @param truncated  the message was longer than the limit and was cut
 * @param badReason  why these bytes were not a message; null for a message
 */
record Frame(byte[] bytes, boolean truncated, String badReason) {

    static Frame message(byte[] bytes, boolean truncated) {
        return new Frame(bytes, truncated, null);
    }

    static Frame bad(String reason) {
        return new Frame(null, false, reason);
    }

    boolean isBad() {
        return badReason != null;
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when decoding replaced bytes; a pure-ASCII message (the common case) is not scanned twice. */
    boolean invalidUtf8(String text) {
        for (byte b : bytes) {
            if (b < 0) {
                return text.indexOf('\uFFFD') >= 0;
            }
        }
        return false;
    }
}
