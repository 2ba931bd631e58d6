package org.mailtrace.format.postfix;

import org.mailtrace.event.Envelope;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;

/**
 * Reads the policy verdict lines that smtpd and postscreen share, after the queue-ID prefix:
 * {@code reject: RCPT from h[ip]: 550 5.1.1 <b@x>: Recipient address rejected: ...; from=<a> to=<b> proto=ESMTP helo=<h>},
 * {@code hold: ...}, {@code filter: ... triggers FILTER smtp:[127.0.0.1]:10025; ...},
 * {@code proxy-reject: END-OF-MESSAGE: 554 5.7.1 ...; from=<> ...} (a before-queue filter, no client named).
 */
final class SmtpdDecisions {
    private SmtpdDecisions() {
    }

    /** True when {@code rest} starts with a lowercase action word and ": ", like {@code reject: }. */
    static boolean looksLikeDecision(String rest) {
        return actionEnd(rest) > 0;
    }

    /** The decision in {@code rest}, or Malformed when it has the action word but not the shape. */
    static ParseResult parse(LineMeta meta, QueueId queueId, String rest) {
        int actionEnd = actionEnd(rest);
        if (actionEnd < 0) {
            return malformed(meta);
        }
        String action = rest.substring(0, actionEnd);
        int stageStart = actionEnd + 2;
        int stageEnd = stageStart;
        while (stageEnd < rest.length() && isStageChar(rest.charAt(stageEnd))) {
            stageEnd++;
        }
        if (stageEnd == stageStart || stageEnd >= rest.length()) {
            return malformed(meta);
        }
        String stage = rest.substring(stageStart, stageEnd);
        Peer client = null;
        int replyStart;
        if (rest.startsWith(" from ", stageEnd)) {
            int peerStart = stageEnd + 6;
            int peerEnd = Peers.end(rest, peerStart);
            if (peerEnd < 0) {
                return malformed(meta);
            }
            client = Peers.parse(rest, peerStart, peerEnd);
            replyStart = rest.startsWith(": ", peerEnd) ? peerEnd + 2 : peerEnd;
        } else if (rest.startsWith(": ", stageEnd) || rest.startsWith(":", stageEnd)) {
            replyStart = Math.min(rest.length(), stageEnd + 2);
        } else {
            return malformed(meta);
        }
        Envelopes.Found found = Envelopes.find(rest);
        int replyEnd = found != null && found.start() >= replyStart ? found.start() : rest.length();
        Envelope envelope = found != null && found.start() >= replyStart ? found.envelope() : Envelopes.EMPTY;
        String replyText = rest.substring(replyStart, replyEnd);
        return new ParseResult.Parsed(new SmtpDecision(meta, queueId, action, stage, client,
                SmtpReplies.parse(replyText), envelope, argument(replyText)));
    }

    /** The target of {@code triggers FILTER x} or {@code triggers REDIRECT x}, else null. */
    static String argument(String text) {
        for (String marker : new String[] {"triggers FILTER ", "triggers REDIRECT "}) {
            int at = text.indexOf(marker);
            if (at >= 0) {
                int start = at + marker.length();
                int end = text.indexOf(' ', start);
                String arg = text.substring(start, end < 0 ? text.length() : end).strip();
                return arg.isEmpty() ? null : arg;
            }
        }
        return null;
    }

    private static int actionEnd(String rest) {
        int i = 0;
        while (i < rest.length() && i < 32) {
            char c = rest.charAt(i);
            if (c == ':') {
                return i > 0 && rest.startsWith(": ", i) ? i : -1;
            }
            if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isStageChar(char c) {
        return (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
    }

    private static ParseResult malformed(LineMeta meta) {
        return new ParseResult.Malformed(meta.program() + ": unparsable decision line");
    }
}
