package org.mailtrace.event;

/**
 * A message came in over SMTP and has a queue file. Postfix smtpd:
 * {@code QID: client=host[ip], sasl_method=PLAIN, sasl_username=u}, which tells that the session on
 * this pid has a queue file; Exim's arrival line {@code ID <= a H=host (helo) [ip] A=plain:u ...}.
 *
 * @param origClient the XFORWARDed original client, when a filter passes it on, or null
 * @param helo       the HELO name when the line itself names it (Exim), else null: Postfix's comes
 *                   from the session's other lines
 * @param fromOrganization whether the MTA itself says the message comes from the organisation
 *                   (true: Exchange's {@code directionality} Originating) or from outside (false:
 *                   Incoming); null when the log does not say, and the direction is then inferred
 *                   from the client (trusted networks, authentication)
 */
public record QueuedFromClient(LineMeta meta, QueueId queueId, Peer client, String saslMethod,
                               String saslUsername, Peer origClient, String helo, Boolean fromOrganization)
        implements MailEvent {

    /** A line that names a HELO but not the message's direction (Exim). */
    public QueuedFromClient(LineMeta meta, QueueId queueId, Peer client, String saslMethod, String saslUsername,
                            Peer origClient, String helo) {
        this(meta, queueId, client, saslMethod, saslUsername, origClient, helo, null);
    }

    /** Postfix's {@code client=} line, which names no HELO. */
    public QueuedFromClient(LineMeta meta, QueueId queueId, Peer client, String saslMethod, String saslUsername,
                            Peer origClient) {
        this(meta, queueId, client, saslMethod, saslUsername, origClient, null, null);
    }

    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
