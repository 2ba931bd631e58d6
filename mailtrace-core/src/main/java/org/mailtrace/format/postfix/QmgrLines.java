package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.format.ParseResult;

/**
 * qmgr(8), the queue manager: {@code QID: from=<a>, size=123, nrcpt=2 (queue active)}, {@code QID: removed},
 * {@code QID: from=<a>, status=expired, returned to sender}, and the deferrals it writes itself,
 * {@code QID: to=<b>, relay=none, ..., status=deferred (delivery temporarily suspended: ...)}.
 */
final class QmgrLines {
    private QmgrLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        QueueId queueId = colon < 0 ? null : QueueIds.at(message, colon);
        if (queueId == null) {
            return new ParseResult.Ignored("qmgr: line without queue ID");
        }
        String rest = QueueIds.rest(message, colon);
        if (rest.equals("removed")) {
            return new ParseResult.Parsed(new QueueRemoved(meta, queueId));
        }
        if (rest.startsWith("skipped, still being delivered")) {
            return new ParseResult.Ignored("qmgr: skipped, still being delivered");
        }
        if (rest.startsWith("to=")) {
            return DeliveryLines.attempt(meta, queueId, rest);
        }
        if (rest.startsWith("from=")) {
            return sender(meta, queueId, rest);
        }
        if (rest.startsWith("warning: ")) {
            return new ParseResult.Ignored("qmgr: warning");
        }
        return new ParseResult.Malformed("qmgr: unrecognised queue line");
    }

    private static ParseResult sender(LineMeta meta, QueueId queueId, String rest) {
        PostfixFields fields = PostfixFields.parse(rest, 0);
        String sender = fields == null ? null : fields.get("from");
        if (sender == null) {
            return new ParseResult.Malformed("qmgr: unparsable sender line");
        }
        if ("expired".equals(fields.get("status"))) {
            return new ParseResult.Parsed(new QueueExpired(meta, queueId, sender, fields.trailer));
        }
        long size = number(fields.get("size"));
        long nrcpt = number(fields.get("nrcpt"));
        if (size < 0 && nrcpt < 0) {
            return new ParseResult.Malformed("qmgr: unparsable sender line");
        }
        return new ParseResult.Parsed(new EnvelopeSeen(meta, queueId, sender, size, (int) Math.min(nrcpt, Integer.MAX_VALUE)));
    }

    /** The non-negative number {@code value}, or -1 when absent or not a number. */
    private static long number(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(value);
    }
}
