package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.format.ParseResult;

/**
 * postscreen(8), the zombie blocker in front of smtpd: only its rejects carry trace data,
 * {@code NOQUEUE: reject: RCPT from [ip]:port: 550 5.7.1 ...; from=<a>, to=<b>, proto=ESMTP, helo=<h>}
 * (no queue file ever exists). CONNECT, PASS, DNSBL, PREGREET, HANGUP and the like are ignored.
 */
final class PostscreenLines {
    private PostscreenLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        if (colon > 0) {
            String rest = QueueIds.rest(message, colon);
            if (SmtpdDecisions.looksLikeDecision(rest)) {
                return SmtpdDecisions.parse(meta, QueueIds.at(message, colon), rest);
            }
            return new ParseResult.Malformed("postscreen: unrecognised queue line");
        }
        return new ParseResult.Ignored("postscreen: screening step");
    }
}
