package org.mailtrace.event;

/** qmgr (or postsuper -d, logged the same way): {@code QID: removed}: the queue file is gone. */
public record QueueRemoved(LineMeta meta, QueueId queueId) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
