package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.format.ParseResult;

/**
 * smtpd(8), the SMTP server: {@code connect from h[ip]}, {@code QID: client=h[ip], sasl_method=PLAIN, sasl_username=u},
 * {@code NOQUEUE: reject: RCPT from h[ip]: 550 ...; from=<a> to=<b> proto=ESMTP helo=<h>} and the other
 * policy actions, {@code proxy-reject: END-OF-MESSAGE: ...}, {@code disconnect from h[ip] ...}.
 * Session noise (TLS, timeouts, lost connections, warnings) is ignored.
 */
final class SmtpdLines {
    private static final String[][] NOISE = {
            {"lost connection after ", "lost connection"},
            {"timeout after ", "timeout"},
            {"too many errors after ", "too many errors"},
            {"improper command pipelining", "improper pipelining"},
            {"SSL_accept error", "TLS handshake error"},
            {"bare <LF> received", "bare LF"},
            {"discarding EHLO keywords", "EHLO keywords"},
            {"using backwards-compatible default setting", "compatibility notice"},
            {"error: ", "error"},
            {"fatal: ", "fatal"},
            {"panic: ", "panic"},
            {"statistics: ", "statistics"},
    };

    private SmtpdLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        if (message.startsWith("connect from ")) {
            return session(meta, message, "connect from ".length(), true);
        }
        if (message.startsWith("disconnect from ")) {
            return session(meta, message, "disconnect from ".length(), false);
        }
        int colon = QueueIds.prefixEnd(message);
        if (colon > 0) {
            return queued(meta, QueueIds.at(message, colon), QueueIds.rest(message, colon));
        }
        if (message.startsWith("proxy-reject: ") || message.startsWith("proxy-accept: ")) {
            return SmtpdDecisions.parse(meta, null, message);
        }
        if (message.startsWith("warning: ")) {
            return CleanupLines.sizeLimitWarning(meta, message.substring("warning: ".length()));
        }
        if (message.contains(" TLS connection established from ")) {
            return new ParseResult.Ignored("smtpd: TLS established");
        }
        for (String[] noise : NOISE) {
            if (message.startsWith(noise[0])) {
                return new ParseResult.Ignored("smtpd: " + noise[1]);
            }
        }
        return new ParseResult.Ignored("smtpd: line without trace data");
    }

    private static ParseResult session(LineMeta meta, String message, int from, boolean connect) {
        int end = message.indexOf(' ', from);
        Peer client = Peers.parse(message, from, end < 0 ? message.length() : end);
        if (client == null) {
            return new ParseResult.Malformed("smtpd: unparsable " + (connect ? "connect" : "disconnect") + " line");
        }
        return new ParseResult.Parsed(connect ? new SmtpConnect(meta, client) : new SmtpDisconnect(meta, client));
    }

    private static ParseResult queued(LineMeta meta, QueueId queueId, String rest) {
        if (rest.startsWith("client=")) {
            if (queueId == null) {
                return new ParseResult.Ignored("smtpd: NOQUEUE client (before-queue filter)");
            }
            return client(meta, queueId, rest);
        }
        if (SmtpdDecisions.looksLikeDecision(rest)) {
            return SmtpdDecisions.parse(meta, queueId, rest);
        }
        if (rest.startsWith("warning: ") || rest.startsWith("lost connection") || rest.startsWith("timeout")) {
            return new ParseResult.Ignored("smtpd: queued session remark");
        }
        return new ParseResult.Malformed("smtpd: unrecognised queue line");
    }

    private static ParseResult client(LineMeta meta, QueueId queueId, String rest) {
        PostfixFields fields = PostfixFields.parse(rest, 0);
        Peer client = fields == null ? null : Peers.parse(fields.get("client"));
        if (client == null) {
            return new ParseResult.Malformed("smtpd: unparsable client line");
        }
        return new ParseResult.Parsed(new QueuedFromClient(meta, queueId, client, fields.get("sasl_method"),
                fields.get("sasl_username"), Peers.parse(fields.get("orig_client"))));
    }
}
