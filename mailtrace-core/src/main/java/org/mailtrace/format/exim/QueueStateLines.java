package org.mailtrace.format.exim;

import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.format.ParseResult;

/**
 * What happened to a queued message as a whole: {@code ID Completed} (the queue file is gone:
 * {@link QueueRemoved}); {@code Frozen}, {@code Frozen (delivery error message)}, {@code frozen by ACL}
 * (hold); {@code Unfrozen by forced delivery}, {@code unfrozen by root} (release); {@code removed by root}
 * (delete, {@code exim -Mrm}); {@code cancelled by root}, {@code cancelled by timeout_frozen_after}
 * (cancel: the undelivered recipients fail). All but Completed are a {@link QueueAdminAction}.
 *
 * <p>{@code Message is frozen} (a queue run skipping a frozen message) and every other remark that
 * names a message ({@code SMTP error from remote mail server ...}, {@code Spool file is locked},
 * ACL warnings) are kept as a {@link DeliveryNote}: facts of the message, no row changes. A client that
 * left during DATA ({@code SMTP connection ... lost while reading message data}) leaves no message.
 */
final class QueueStateLines {
    private QueueStateLines() {
    }

    static ParseResult parse(LineMeta meta, QueueId id, String rest) {
        if (rest.isEmpty()) {
            return new ParseResult.Malformed("exim: message ID without text");
        }
        if (rest.equals("Completed") || rest.startsWith("Completed ")) {
            return new ParseResult.Parsed(new QueueRemoved(meta, id));
        }
        if (rest.startsWith("Message is frozen")) {
            return new ParseResult.Parsed(new DeliveryNote(meta, id, rest));
        }
        QueueAction action = action(rest);
        if (action != null) {
            return new ParseResult.Parsed(new QueueAdminAction(meta, id, action));
        }
        if (rest.startsWith("SMTP connection ") && rest.contains(" lost") || rest.contains("(message abandoned)")) {
            return new ParseResult.Ignored("exim: client left before the message was accepted");
        }
        return new ParseResult.Parsed(new DeliveryNote(meta, id, rest));
    }

    private static QueueAction action(String rest) {
        if (rest.equals("Frozen") || rest.startsWith("Frozen ") || rest.startsWith("frozen by ")) {
            return QueueAction.HOLD;
        }
        if (rest.startsWith("Unfrozen by ") || rest.startsWith("unfrozen by ")) {
            return QueueAction.RELEASE;
        }
        if (rest.startsWith("removed by ")) {
            return QueueAction.DELETE;
        }
        if (rest.startsWith("cancelled by ")) {
            return QueueAction.CANCEL;
        }
        return null;
    }
}
