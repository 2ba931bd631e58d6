package org.mailtrace.event;

/**
 * bounce: {@code QID: sender non-delivery notification: NEWQID}: a notification about QID was queued as NEWQID.
 *
 * @param kind the notification kind as logged: "sender non-delivery", "sender delay",
 *             "sender delivery status", "postmaster non-delivery", ...
 */
public record NotificationQueued(LineMeta meta, QueueId queueId, String kind, QueueId notificationId)
        implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
