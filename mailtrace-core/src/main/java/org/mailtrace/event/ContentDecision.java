package org.mailtrace.event;

/**
 * cleanup acting on content: header_checks, body_checks, milters, size limits.
 * {@code QID: reject: header Subject: win from h[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 no}
 * or {@code QID: milter-reject: END-OF-MESSAGE from h[ip]: 5.7.1 Spam; from=...}.
 *
 * @param action   reject, discard, hold, redirect, filter, replace, prepend, warning, info,
 *                 milter-reject, milter-discard, milter-hold, ...
 * @param source   what matched: {@code header Subject: win}, {@code body ...}, {@code END-OF-MESSAGE},
 *                 {@code message size}...
 * @param subject  the Subject header's value when {@code source} is that header, else null
 * @param client   the client named on the line, or null
 * @param reply    the text after the envelope ({@code 5.7.1 no}), or null
 * @param envelope from/to/proto/helo
 * @param argument the action's argument (redirect address, filter destination), or null
 */
public record ContentDecision(LineMeta meta, QueueId queueId, String action, String source, String subject,
                              Peer client, SmtpReply reply, Envelope envelope, String argument)
        implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
