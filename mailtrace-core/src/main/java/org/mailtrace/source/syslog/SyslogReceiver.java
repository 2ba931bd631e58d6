package org.mailtrace.source.syslog;

import java.io.IOException;

/**
 * One syslog listener (a UDP, TCP or TLS port) handing every message it frames to a {@link SyslogSink}.
 * Started and stopped explicitly so the caller decides when the port is open; one receiver per
 * listener so counters, limits and failures stay per port.
 *
 * <p>Contract: {@link #start()} binds (failing with the address in the message when it cannot) and
 * returns; messages then arrive on the receiver's own threads. TCP and TLS connections wait on a
 * full sink (backpressure); UDP drops and counts. {@link #stop()} closes the port and every
 * connection and returns when the receiver's threads have ended; it may be called more than once.
 */
public interface SyslogReceiver extends AutoCloseable {

    /**
     * A receiver for {@code settings}, not yet bound.
     *
     * @throws IllegalArgumentException when a TLS listener has no {@link javax.net.ssl.SSLContext}
     */
    static SyslogReceiver create(ListenerSettings settings, SyslogSink sink) {
        if (settings.transport() == SyslogTransport.UDP) {
            return new DatagramReceiver(settings, sink);
        }
        if (settings.transport() == SyslogTransport.TLS && settings.tls() == null) {
            throw new IllegalArgumentException(settings.name(settings.port())
                    + ": a TLS listener needs a certificate and key (--tls-cert, --tls-key)");
        }
        return new StreamReceiver(settings, sink);
    }

    /** Binds the port and starts receiving. */
    void start() throws IOException;

    /** The bound port (the real one when the settings asked for 0); the configured port before start. */
    int port();

    /** {@code tcp://0.0.0.0:6514}, with the bound port once started. */
    String name();

    /** The counters now. */
    ListenerCounts counts();

    /** Closes the port and every connection; messages not yet handed to the sink are lost. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
