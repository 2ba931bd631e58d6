package org.mailtrace.event;

/**
 * A delivery agent's remark about a queued message that is not a per-recipient verdict:
 * {@code QID: host mx[ip] said: 451 ... (in reply to RCPT TO command)}, {@code QID: lost connection ...},
 * {@code QID: conversation with ... timed out}.
 */
public record DeliveryNote(LineMeta meta, QueueId queueId, String text) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
