package org.mailtrace.event;

/** pickup: {@code QID: uid=1000 from=<user>}: a message submitted with sendmail(1) on this host. */
public record LocalSubmission(LineMeta meta, QueueId queueId, String uid, String sender) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
