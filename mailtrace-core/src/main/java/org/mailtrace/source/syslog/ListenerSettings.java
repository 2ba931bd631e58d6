package org.mailtrace.source.syslog;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What one listener binds and how it treats messages.
 *
 * @param transport          UDP, TCP or TLS
 * @param host               the address to bind; empty for every interface
 * @param port               the port to bind; 0 picks a free one (see {@link SyslogReceiver#port()})
 * @param maxMessageBytes    longer messages are cut to this and counted as truncated
 * @param receiveBufferBytes SO_RCVBUF to ask the kernel for; 0 keeps the system default. A large
 *                           buffer is what absorbs UDP bursts; the kernel may grant less
 *                           ({@code net.core.rmem_max})
 * @param tls                the server context for TLS listeners (required before the receiver is
 *                           created), null for UDP and TCP
 */
public record ListenerSettings(SyslogTransport transport, String host, int port, int maxMessageBytes,
                               int receiveBufferBytes, SSLContext tls) {

    /** 64 KiB: far above Postfix's longest lines, small enough to bound memory per connection. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    /** 4 MiB for UDP, so a burst from a busy mail server waits in the kernel rather than being dropped. */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

    public ListenerSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(transport.scheme() + " listener: port " + port + " is not 0-65535");
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException(transport.scheme() + " listener: max message size must be positive");
        }
    }

    /**
     * Reads {@code udp://HOST:PORT}, {@code tcp://HOST:PORT} or {@code tls://HOST:PORT} (HOST may be
     * empty for every interface, an IPv6 address goes in brackets) with the default limits; a TLS
     * listener still needs {@link #withTls}.
     *
     * @throws IllegalArgumentException with the offending text when the address is not understood
     */
    public static ListenerSettings parse(String address) {
        int sep = address.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException(address + ": expected udp://HOST:PORT, tcp://HOST:PORT or tls://HOST:PORT");
        }
        SyslogTransport transport;
        try {
            transport = SyslogTransport.valueOf(address.substring(0, sep).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(address + ": unknown transport, expected udp, tcp or tls");
        }
        String rest = address.substring(sep + 3);
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || (rest.startsWith("[") && colon < rest.indexOf(']'))) {
            throw new IllegalArgumentException(address + ": no port");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(address + ": port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(address + ": port is not 0-65535");
        }
        int buffer = transport == SyslogTransport.UDP ? DEFAULT_UDP_RECEIVE_BUFFER : 0;
        return new ListenerSettings(transport, host, port, DEFAULT_MAX_MESSAGE_BYTES, buffer, null);
    }

    /** Plain TCP or UDP with default limits. */
    public static ListenerSettings of(SyslogTransport transport, String host, int port) {
        if (transport == SyslogTransport.TLS) {
            throw new IllegalArgumentException("use tls(host, port, context) for a TLS listener");
        }
        return new ListenerSettings(transport, host, port, DEFAULT_MAX_MESSAGE_BYTES,
                transport == SyslogTransport.UDP ? DEFAULT_UDP_RECEIVE_BUFFER : 0, null);
    }

    /** TLS with default limits. */
    public static ListenerSettings tls(String host, int port, SSLContext context) {
        return new ListenerSettings(SyslogTransport.TLS, host, port, DEFAULT_MAX_MESSAGE_BYTES, 0, context);
    }

    public ListenerSettings withTls(SSLContext context) {
        return new ListenerSettings(transport, host, port, maxMessageBytes, receiveBufferBytes, context);
    }

    public ListenerSettings withMaxMessageBytes(int max) {
        return new ListenerSettings(transport, host, port, max, receiveBufferBytes, tls);
    }

    public ListenerSettings withReceiveBufferBytes(int bytes) {
        return new ListenerSettings(transport, host, port, maxMessageBytes, bytes, tls);
    }

    /** The address to bind. */
    public InetSocketAddress bindAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** {@code tcp://127.0.0.1:6514} with the port given (0 until bound). */
    String name(int boundPort) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return transport.scheme() + "://" + h + ":" + boundPort;
    }
}
