package org.mailtrace.event;

/**
 * postsuper: {@code QID: placed on hold}, {@code QID: released from hold}, {@code QID: requeued};
 * deletion is logged by postsuper as {@code QID: removed} and arrives as action {@code delete}.
 *
 * @param action hold, release, requeue or delete
 */
public record QueueAdminAction(LineMeta meta, QueueId queueId, String action) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
