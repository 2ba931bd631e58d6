package org.mailtrace.event;

/** smtpd: {@code disconnect from host[ip] ...}: the session on this pid is over. */
public record SmtpDisconnect(LineMeta meta, Peer client) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
