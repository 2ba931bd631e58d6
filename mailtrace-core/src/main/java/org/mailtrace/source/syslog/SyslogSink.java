package org.mailtrace.source.syslog;

/**
 * Where a {@link SyslogReceiver} hands each message. The two methods are the two transport
 * contracts: stream listeners (TCP, TLS) wait, so a slow consumer slows the sender down instead of
 * losing mail log lines; datagram listeners (UDP) cannot make the sender wait, so they drop and count.
 *
 * <p>Implementations must be thread-safe: every connection of every listener calls them concurrently.
 */
public interface SyslogSink {

    /**
     * Accepts {@code line}, waiting as long as needed. While this waits, the calling connection
     * reads nothing more from its socket, so the sender's TCP window fills (backpressure).
     *
     * @throws InterruptedException when the receiver is being stopped
     */
    void put(ReceivedLine line) throws InterruptedException;

    /** Accepts {@code line} if there is room right now; false means the caller drops it. */
    boolean offer(ReceivedLine line);
}
