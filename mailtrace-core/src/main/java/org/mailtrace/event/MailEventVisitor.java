package org.mailtrace.event;

/**
 * One method per kind of {@link MailEvent}: what every consumer of events implements, so that a new
 * event type does not compile until each of them says what it does with it (Java 17 has no
 * exhaustive {@code switch} over a sealed type; {@code permits} alone checks nothing downstream).
 *
 * @param <R> what the visit yields ({@code Void} for visits done for their effect)
 */
public interface MailEventVisitor<R> {
    R visit(SmtpConnect e);

    R visit(SmtpDisconnect e);

    R visit(QueuedFromClient e);

    R visit(SmtpDecision e);

    R visit(MessageIdSeen e);

    R visit(ContentDecision e);

    R visit(LocalSubmission e);

    R visit(EnvelopeSeen e);

    R visit(QueueRemoved e);

    R visit(QueueExpired e);

    R visit(DeliveryAttempt e);

    R visit(DeliveryNote e);

    R visit(NotificationQueued e);

    R visit(QueueAdminAction e);

    R visit(FilterVerdict e);
}
