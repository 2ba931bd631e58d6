package org.mailtrace.source.syslog;

/** How a listener receives: the scheme of its address ({@code udp://}, {@code tcp://}, {@code tls://}). */
public enum SyslogTransport {
    /** RFC 5426: one datagram is one message; the sender cannot be slowed, so a full queue drops. */
    UDP,
    /** RFC 6587: octet-counted or newline-terminated frames; a full queue stops reading (backpressure). */
    TCP,
    /** RFC 5425: TCP framing inside TLS 1.2 or 1.3. */
    TLS;

    String scheme() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
