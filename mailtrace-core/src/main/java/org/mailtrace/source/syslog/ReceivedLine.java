package org.mailtrace.source.syslog;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.mailtrace.source.SourceLine;

/**
 * One syslog message as it came off the wire, transport framing removed and nothing else changed:
 * the text still starts with {@code <PRI>} and the RFC 3164 or RFC 5424 header, which
 * {@link org.mailtrace.source.SyslogFraming} splits later.
 *
 * @param text        the message, decoded as UTF-8 (invalid bytes replaced), without its terminator
 * @param listener    the listener that received it, e.g. {@code tcp://0.0.0.0:6514}
 * @param peer        the sending address (for TCP/TLS, the connection's remote end)
 * @param sequence    1-based, per listener, in the order messages were framed; a gap means drops
 * @param receivedAt  when the frame was complete
 * @param invalidUtf8 true when some bytes were not valid UTF-8 and were replaced
 * @param truncated   true when the message was longer than the listener's limit and was cut
 */
public record ReceivedLine(String text, String listener, InetSocketAddress peer, long sequence, Instant receivedAt,
                           boolean invalidUtf8, boolean truncated) {

    /** Where it came from, for diagnostics and {@code RawLine.source()}: {@code tcp://0.0.0.0:6514 from 192.0.2.7:40112 #12}. */
    public String where() {
        return listener + " from " + (peer == null ? "?" : peer.getAddress().getHostAddress() + ":" + peer.getPort())
                + " #" + sequence;
    }

    /** The same line in the shape file sources produce; no byte offset (a live stream cannot be resumed). */
    public SourceLine toSourceLine() {
        return new SourceLine(text, sequence, -1, invalidUtf8, truncated);
    }
}
