package org.mailtrace.event;

/** qmgr: {@code QID: from=<a>, status=expired, returned to sender}: past maximal_queue_lifetime. */
public record QueueExpired(LineMeta meta, QueueId queueId, String sender, String text) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
