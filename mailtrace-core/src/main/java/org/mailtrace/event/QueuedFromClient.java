package org.mailtrace.event;

/**
 * smtpd: {@code QID: client=host[ip], sasl_method=PLAIN, sasl_username=u}: the session on this pid
 * has a queue file. {@code origClient} is the XFORWARDed original client, when a filter passes it on.
 */
public record QueuedFromClient(LineMeta meta, QueueId queueId, Peer client, String saslMethod,
                               String saslUsername, Peer origClient) implements MailEvent {
}
