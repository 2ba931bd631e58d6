package org.mailtrace.source.syslog;

/**
 * A snapshot of one listener's counters. Every message framed is {@code received}; of those,
 * {@code droppedQueueFull} never reached the sink (UDP only: TCP and TLS wait instead) and
 * {@code truncated} were delivered cut to the size limit. {@code badFrames} are byte sequences that
 * were not a message at all (an empty datagram, a zero octet count, a connection that ended inside
 * an octet-counted frame) and are not part of {@code received}.
 *
 * @param listener          e.g. {@code udp://0.0.0.0:514}
 * @param received          messages framed
 * @param droppedQueueFull  messages dropped because the sink was full
 * @param truncated         messages longer than the limit, delivered cut
 * @param badFrames         frames that were not a message, dropped
 * @param connectionsOpen   TCP/TLS connections open now (0 for UDP)
 * @param connectionsTotal  TCP/TLS connections accepted since start, including failed TLS handshakes
 * @param handshakeFailures TLS handshakes that failed (wrong protocol, untrusted client, plain TCP on a TLS port)
 * @param connectionsRefused TCP/TLS connections closed at once because {@code maxConnections} were open
 *                           (not part of {@code connectionsTotal})
 * @param idleClosed        TCP/TLS connections closed after sending nothing for the idle timeout
 */
public record ListenerCounts(String listener, long received, long droppedQueueFull, long truncated, long badFrames,
                             long connectionsOpen, long connectionsTotal, long handshakeFailures,
                             long connectionsRefused, long idleClosed) {

    /** Messages that reached the sink. */
    public long delivered() {
        return received - droppedQueueFull;
    }
}
