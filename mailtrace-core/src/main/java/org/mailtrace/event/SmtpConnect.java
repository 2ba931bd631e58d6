package org.mailtrace.event;

/** smtpd: {@code connect from host[ip]}: a session starts on this pid. */
public record SmtpConnect(LineMeta meta, Peer client) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
