package org.mailtrace.event;

/** cleanup: {@code QID: message-id=<id>} (or {@code resent-message-id=}). The ID keeps its angle brackets. */
public record MessageIdSeen(LineMeta meta, QueueId queueId, String messageId, boolean resent) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
