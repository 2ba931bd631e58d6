package org.mailtrace.event;

import java.util.List;

/**
 * A message's envelope as the queue holds it. Postfix qmgr: {@code QID: from=<a>, size=123, nrcpt=2 (queue active)};
 * Exim's arrival line {@code ID <= a ... S=123 T="subject" for b c} says the same and, with the right
 * log_selector, more.
 *
 * @param size       bytes, or -1 when absent
 * @param nrcpt      envelope recipients, or -1 when absent
 * @param subject    the Subject header when the arrival line names it (Exim {@code T=}), else null;
 *                   Postfix logs subjects only through header_checks ({@link ContentDecision#subject()})
 * @param recipients the envelope recipients when the arrival line lists them (Exim {@code for a b}),
 *                   else null: null, not empty, so snapshots of lines without them stay as they were
 */
public record EnvelopeSeen(LineMeta meta, QueueId queueId, String sender, long size, int nrcpt, String subject,
                         List<String> recipients) implements MailEvent {
    public EnvelopeSeen {
        recipients = recipients == null ? null : List.copyOf(recipients);
    }

    /** Postfix's qmgr line: no subject, no recipient list. */
    public EnvelopeSeen(LineMeta meta, QueueId queueId, String sender, long size, int nrcpt) {
        this(meta, queueId, sender, size, nrcpt, null, null);
    }

    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
