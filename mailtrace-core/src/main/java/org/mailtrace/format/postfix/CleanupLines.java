package org.mailtrace.format.postfix;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.format.ParseResult;

/**
 * cleanup(8), which builds the queue file: {@code QID: message-id=<id>}, and the actions of header_checks,
 * body_checks and milters:
 * {@code QID: reject: header Subject: win from h[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 no},
 * {@code QID: milter-reject: END-OF-MESSAGE from h[ip]: 5.7.1 Spam; from=<a> to=<b> proto=ESMTP helo=<h>},
 * and the size limit, {@code warning: QID: queue file size limit exceeded}.
 */
final class CleanupLines {
    /** Actions whose text after the envelope is an argument (address, destination, header) rather than a reply. */
    private static final String[] ARGUMENT_ACTIONS = {"redirect", "filter", "prepend", "replace", "milter-header-redirect"};

    private CleanupLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        if (colon < 0) {
            if (message.startsWith("warning: ")) {
                return sizeLimitWarning(meta, message.substring("warning: ".length()));
            }
            return new ParseResult.Ignored("cleanup: line without queue ID");
        }
        QueueId queueId = QueueIds.at(message, colon);
        String rest = QueueIds.rest(message, colon);
        if (queueId == null) {
            return new ParseResult.Ignored("cleanup: NOQUEUE remark");
        }
        if (rest.startsWith("message-id=")) {
            return messageId(meta, queueId, rest.substring("message-id=".length()), false);
        }
        if (rest.startsWith("resent-message-id=")) {
            return messageId(meta, queueId, rest.substring("resent-message-id=".length()), true);
        }
        if (SmtpdDecisions.looksLikeDecision(rest)) {
            return action(meta, queueId, rest);
        }
        return new ParseResult.Malformed("cleanup: unrecognised queue line");
    }

    /** An empty ID ({@code <>} or nothing) is reported as "" so that it never links unrelated messages. */
    private static ParseResult messageId(LineMeta meta, QueueId queueId, String id, boolean resent) {
        String value = id.strip();
        if (value.equals("<>")) {
            value = "";
        }
        return new ParseResult.Parsed(new MessageIdSeen(meta, queueId, value, resent));
    }

    private static ParseResult action(LineMeta meta, QueueId queueId, String rest) {
        int actionEnd = rest.indexOf(": ");
        String action = rest.substring(0, actionEnd);
        int bodyStart = actionEnd + 2;
        Envelopes.Found found = Envelopes.find(rest);
        boolean hasEnvelope = found != null && found.start() >= bodyStart;
        int bodyEnd = hasEnvelope ? found.start() : rest.length();
        String body = rest.substring(bodyStart, bodyEnd);
        Envelope envelope = hasEnvelope ? found.envelope() : Envelopes.EMPTY;
        String trailing = null;
        if (hasEnvelope && found.end() < rest.length()) {
            trailing = rest.substring(found.end()).strip();
            if (trailing.startsWith(":")) {
                trailing = trailing.substring(1).strip();
            }
            if (trailing.isEmpty()) {
                trailing = null;
            }
        }
        String source = body;
        Peer client = null;
        SmtpReply reply = null;
        int from = body.lastIndexOf(" from ");
        if (from >= 0) {
            source = body.substring(0, from);
            String after = body.substring(from + " from ".length());
            int peerEnd = Peers.end(after, 0);
            if (peerEnd > 0) {
                client = Peers.parse(after, 0, peerEnd);
                if (after.startsWith(": ", peerEnd)) {
                    reply = SmtpReplies.parse(after.substring(peerEnd + 2));
                }
            }
        }
        String argument = null;
        if (trailing != null) {
            if (isArgumentAction(action)) {
                argument = trailing;
            } else if (reply == null) {
                reply = SmtpReplies.parse(trailing);
            }
        }
        return new ParseResult.Parsed(new ContentDecision(meta, queueId, action, source, subjectOf(source),
                client, reply, envelope, argument));
    }

    /**
     * {@code QID: queue file size limit exceeded}, the text after {@code warning: }: cleanup's message_size_limit
     * verdict (smtpd logs the same line when it writes the queue file). Any other warning is ignored.
     */
    static ParseResult sizeLimitWarning(LineMeta meta, String text) {
        int colon = QueueIds.prefixEnd(text);
        if (colon > 0 && text.contains("size limit exceeded")) {
            QueueId queueId = QueueIds.at(text, colon);
            if (queueId != null) {
                String detail = QueueIds.rest(text, colon);
                return new ParseResult.Parsed(new ContentDecision(meta, queueId, "reject", "message size", null,
                        null, new SmtpReply(0, null, detail), Envelopes.EMPTY, null));
            }
        }
        return new ParseResult.Ignored(meta.program() + ": warning");
    }

    /** The Subject header's value when {@code source} is {@code header Subject: ...}, else null. */
    private static String subjectOf(String source) {
        if (source.regionMatches(true, 0, "header Subject:", 0, "header Subject:".length())) {
            return source.substring("header Subject:".length()).strip();
        }
        return null;
    }

    private static boolean isArgumentAction(String action) {
        for (String a : ARGUMENT_ACTIONS) {
            if (a.equals(action)) {
                return true;
            }
        }
        return false;
    }
}
