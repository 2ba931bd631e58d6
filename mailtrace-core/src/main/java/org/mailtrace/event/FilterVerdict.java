package org.mailtrace.event;

import java.util.List;

/**
 * A content filter's verdict on a queued message, e.g. amavis:
 * {@code (12345-01) Blocked SPAM {DiscardedInbound,Quarantined}, [192.0.2.9]:4312 <a@x> -> <b@y>,
 * Queue-ID: 3F1B6C0423, Message-ID: <m@x>, mail_id: ..., Hits: 12.3, queued_as: 4A2C7D0551, ...}.
 *
 * @param queueId    the Postfix queue ID of the message the filter received ({@code Queue-ID:}), or null
 * @param verdict    Passed or Blocked
 * @param category   CLEAN, SPAM, SPAMMY, INFECTED, BANNED, BAD-HEADER, UNCHECKED, OVERSIZED, ...
 * @param flags      the braces' contents: RelayedInbound, DiscardedInbound, Quarantined, ...
 * @param recipients the recipients the verdict applies to
 * @param queuedAs   the queue ID under which the filter reinjected the message, or null
 * @param messageId  the Message-ID, or null
 * @param detail     the rest worth showing (hits, quarantine id, virus name), or null
 */
public record FilterVerdict(LineMeta meta, QueueId queueId, String verdict, String category, List<String> flags,
                            List<String> recipients, QueueId queuedAs, String messageId, String detail)
        implements MailEvent {
    public FilterVerdict {
        flags = flags == null ? List.of() : List.copyOf(flags);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
