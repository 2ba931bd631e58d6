package org.mailtrace.format.postfix;

import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.ParseResult;

/**
 * The delivery agents smtp, lmtp, local, virtual, pipe, error, discard and retry:
 * {@code QID: to=<b>, orig_to=<a>, relay=mx[ip]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4AB12C)}
 * is a per-recipient verdict; other queued lines ({@code host h[ip] said: 451 ...}, {@code lost connection with ...})
 * are notes. Lines without a queue ID ({@code connect to h[ip]:25: Connection refused}, TLS) are ignored:
 * the verdict that follows carries the facts.
 */
final class DeliveryLines {
    private DeliveryLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        QueueId queueId = colon < 0 ? null : QueueIds.at(message, colon);
        if (queueId == null) {
            return new ParseResult.Ignored(meta.program() + ": connection remark without queue ID");
        }
        String rest = QueueIds.rest(message, colon);
        if (rest.startsWith("to=")) {
            return attempt(meta, queueId, rest);
        }
        if (rest.isEmpty()) {
            return new ParseResult.Malformed(meta.program() + ": empty queue line");
        }
        return new ParseResult.Parsed(new DeliveryNote(meta, queueId, rest));
    }

    /** A {@code to=<b>, ..., status=WORD (text)} verdict; also used for qmgr's own deferrals. */
    static ParseResult attempt(LineMeta meta, QueueId queueId, String rest) {
        PostfixFields fields = PostfixFields.parse(rest, 0);
        String status = fields == null ? null : fields.get("status");
        String recipient = fields == null ? null : fields.get("to");
        if (status == null || recipient == null || status.isEmpty()) {
            return new ParseResult.Malformed(meta.program() + ": unparsable delivery line");
        }
        String relay = fields.get("relay");
        String reply = fields.trailer;
        return new ParseResult.Parsed(new DeliveryAttempt(meta, queueId, recipient, fields.get("orig_to"), relay,
                relayPeer(relay), fields.get("delay"), fields.get("delays"), fields.get("dsn"), status, reply,
                idAfterLast(reply, "queued as"), idAfterLast(reply, "forwarded as")));
    }

    /** The relay as a network peer; null for {@code local}, {@code none}, transports and unix sockets. */
    private static Peer relayPeer(String relay) {
        Peer peer = Peers.parse(relay);
        if (peer == null || peer.ip() == null || peer.ip().indexOf('/') >= 0) {
            return null;
        }
        return peer;
    }

    /**
     * The queue ID after the last {@code marker} in {@code text} ({@code queued as 4AB12C},
     * {@code queued as: 4AB12C}), or null. The last one counts: a content filter's reply quotes the
     * reinjection MTA's reply at its end.
     */
    static QueueId idAfterLast(String text, String marker) {
        if (text == null) {
            return null;
        }
        int at = text.lastIndexOf(marker);
        if (at < 0) {
            return null;
        }
        int p = at + marker.length();
        while (p < text.length() && (text.charAt(p) == ':' || text.charAt(p) == ' ')) {
            p++;
        }
        int end = p;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return QueueIds.orNull(text.substring(p, end));
    }
}
