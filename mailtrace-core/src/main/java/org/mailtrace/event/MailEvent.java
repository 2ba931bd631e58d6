package org.mailtrace.event;

/**
 * One fact read from one MTA log line, independent of which MTA wrote it. Formats produce these;
 * the correlator consumes them. Every event knows its {@link LineMeta}. Consumers that treat each
 * type differently go through {@link MailEventVisitor}, so none can forget a type.
 */
public sealed interface MailEvent permits
        SmtpConnect, SmtpDisconnect, QueuedFromClient, SmtpDecision, MessageIdSeen, ContentDecision,
        LocalSubmission, EnvelopeSeen, QueueRemoved, QueueExpired, DeliveryAttempt, DeliveryNote,
        NotificationQueued, QueueAdminAction, FilterVerdict {

    LineMeta meta();

    /** Hands this event to the visitor's method for its type. */
    <R> R accept(MailEventVisitor<R> visitor);
}
