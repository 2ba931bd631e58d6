package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.ParseResult;

/**
 * bounce(8), also running as defer and trace: {@code QID: sender non-delivery notification: NEWQID},
 * likewise {@code sender delay}, {@code sender delivery status} and {@code postmaster non-delivery}:
 * a notification about QID was queued as NEWQID.
 */
final class BounceLines {
    private static final String NOTIFICATION = " notification: ";

    private BounceLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        QueueId queueId = colon < 0 ? null : QueueIds.at(message, colon);
        if (queueId == null) {
            return new ParseResult.Ignored(meta.program() + ": line without queue ID");
        }
        String rest = QueueIds.rest(message, colon);
        int at = rest.indexOf(NOTIFICATION);
        if (at <= 0) {
            return new ParseResult.Malformed(meta.program() + ": unrecognised queue line");
        }
        QueueId notification = QueueIds.orNull(rest.substring(at + NOTIFICATION.length()).strip());
        if (notification == null) {
            return new ParseResult.Malformed(meta.program() + ": notification without queue ID");
        }
        return new ParseResult.Parsed(new NotificationQueued(meta, queueId, rest.substring(0, at), notification));
    }
}
