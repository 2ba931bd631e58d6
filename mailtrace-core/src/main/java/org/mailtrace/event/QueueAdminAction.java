package org.mailtrace.event;

import java.util.Objects;

/**
 * An administrator (or the MTA on its behalf) acting on a queued message: hold, release, requeue,
 * delete. Postfix's postsuper: {@code QID: placed on hold}, {@code QID: released from hold}, {@code QID: requeued};
 * deletion is logged by postsuper as {@code QID: removed} and arrives as action {@code delete}.
 *
 * @param action what was done; snapshots hold its word ({@code hold}...). Exim logs the same acts as
 *               Frozen, Unfrozen, removed and cancelled lines
 */
public record QueueAdminAction(LineMeta meta, QueueId queueId, QueueAction action) implements MailEvent {
    public QueueAdminAction {
        Objects.requireNonNull(action, "action");
    }

    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
