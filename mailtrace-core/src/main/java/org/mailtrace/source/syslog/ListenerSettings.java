package org.mailtrace.source.syslog;

import java.net.InetSocketAddress;
import java.time.Duration;
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
 * @param maxConnections     TCP/TLS: connections open at once; one more is closed as soon as it is
 *                           accepted (and counted), so idle or hostile peers cannot pile up threads
 * @param idleTimeout        TCP/TLS: a connection that sends nothing for this long is closed (and
 *                           counted); senders reconnect when they next have a line. Time spent
 *                           waiting on a full queue does not count
 */
public record ListenerSettings(SyslogTransport transport, String host, int port, int maxMessageBytes,
                               int receiveBufferBytes, SSLContext tls, int maxConnections, Duration idleTimeout) {

    /** 64 KiB: far above Postfix's longest lines, small enough to bound memory per connection. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    /** 4 MiB for UDP, so a burst from a busy mail server waits in the kernel rather than being dropped. */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;
    /** Far above the few long-lived connections mail servers keep; a thread each. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Long enough for a quiet mail server between messages, short enough to reclaim dead peers' slots. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public ListenerSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(transport.scheme() + " listener: port " + port + " is not 0-65535");
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException(transport.scheme() + " listener: max message size must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException(transport.scheme() + " listener: max connections must be at least 1, was " + maxConnections);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(transport.scheme() + " listener: idle timeout must be between 1 ms and 24 days, was " + idleTimeout);
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
        return new ListenerSettings(transport, host, port, DEFAULT_MAX_MESSAGE_BYTES, buffer, null,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
    }

    /** Plain TCP or UDP with default limits. */
    public static ListenerSettings of(SyslogTransport transport, String host, int port) {
        if (transport == SyslogTransport.TLS) {
            throw new IllegalArgumentException("use tls(host, port, context) for a TLS listener");
        }
        return new ListenerSettings(transport, host, port, DEFAULT_MAX_MESSAGE_BYTES,
                transport == SyslogTransport.UDP ? DEFAULT_UDP_RECEIVE_BUFFER : 0, null, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
    }

    /** TLS with default limits. */
    public static ListenerSettings tls(String host, int port, SSLContext context) {
        return new ListenerSettings(SyslogTransport.TLS, host, port, DEFAULT_MAX_MESSAGE_BYTES, 0, context,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
    }

    public ListenerSettings withTls(SSLContext context) {
        return new ListenerSettings(transport, host, port, maxMessageBytes, receiveBufferBytes, context, maxConnections, idleTimeout);
    }

    public ListenerSettings withMaxMessageBytes(int max) {
        return new ListenerSettings(transport, host, port, max, receiveBufferBytes, tls, maxConnections, idleTimeout);
    }

    public ListenerSettings withReceiveBufferBytes(int bytes) {
        return new ListenerSettings(transport, host, port, maxMessageBytes, bytes, tls, maxConnections, idleTimeout);
    }

    /** TCP/TLS: at most {@code max} connections at once, each closed after {@code idle} without data. */
    public ListenerSettings withConnectionLimits(int max, Duration idle) {
        return new ListenerSettings(transport, host, port, maxMessageBytes, receiveBufferBytes, tls, max, idle);
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
