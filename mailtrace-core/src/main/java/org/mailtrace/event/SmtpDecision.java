package org.mailtrace.event;

/**
 * The SMTP server acting on a session or message: a refusal, hold, discard, redirect... decided at an
 * SMTP stage. Postfix's smtpd or postscreen: {@code NOQUEUE: reject: RCPT from h[ip]: 550 ...;
 * from=<a> to=<b> proto=ESMTP helo=<h>}, or the same with a queue ID, or {@code hold:}, {@code discard:},
 * {@code filter:}, {@code redirect:}, {@code warn:}, {@code proxy-reject:}, {@code proxy-accept:}.
 * Exim: {@code H=h [ip] F=<a> rejected RCPT <b>: ...}, relay denials, ACL refusals after DATA.
 *
 * @param queueId  null for NOQUEUE (refused before a queue file existed)
 * @param action   reject, hold, discard, filter, redirect, warn, proxy-reject, proxy-accept
 * @param stage    the SMTP stage: CONNECT, HELO, EHLO, MAIL, RCPT, DATA, END-OF-MESSAGE, BDAT, VRFY, ETRN
 * @param client   the SMTP client
 * @param reply    the reply given (for reject), or the action's text for the others
 * @param envelope from/to/proto/helo as far as known at that stage
 * @param argument the action's argument (redirect target, filter destination), or null
 */
public record SmtpDecision(LineMeta meta, QueueId queueId, String action, String stage, Peer client,
                            SmtpReply reply, Envelope envelope, String argument) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
