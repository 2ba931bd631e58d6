package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.ParseResult;

/**
 * postsuper(1), the administrator's queue tool: {@code QID: placed on hold}, {@code QID: released from hold},
 * {@code QID: requeued}, {@code QID: removed} (postsuper -d). Its totals ({@code Deleted: 3 messages}) are ignored.
 */
final class PostsuperLines {
    private PostsuperLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        QueueId queueId = colon < 0 ? null : QueueIds.at(message, colon);
        if (queueId == null) {
            return new ParseResult.Ignored("postsuper: summary or remark");
        }
        QueueAction action;
        switch (QueueIds.rest(message, colon)) {
            case "placed on hold": action = QueueAction.HOLD; break;
            case "released from hold": action = QueueAction.RELEASE; break;
            case "requeued": action = QueueAction.REQUEUE; break;
            case "removed": action = QueueAction.DELETE; break;
            default: return new ParseResult.Malformed("postsuper: unrecognised queue line");
        }
        return new ParseResult.Parsed(new QueueAdminAction(meta, queueId, action));
    }
}
