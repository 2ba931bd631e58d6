package org.mailtrace.event;

/**
 * A message submitted on this host by a local program (sendmail(1)), not over SMTP. Postfix's pickup:
 * {@code QID: uid=1000 from=<user>}; Exim's arrival line with {@code U=user P=local}.
 */
public record LocalSubmission(LineMeta meta, QueueId queueId, String uid, String sender) implements MailEvent {
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
