package org.mailtrace.event;

/**
 * A delivery agent's verdict for one recipient:
 * {@code QID: to=<b>, orig_to=<a>, relay=mx[ip]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 ok)}.
 * Written by smtp, lmtp, local, virtual, pipe, error, discard, retry, and by qmgr for some deferrals.
 *
 * @param recipient     the final envelope recipient ({@code to=})
 * @param origRecipient the address before aliasing ({@code orig_to=}), or null
 * @param relay         the relay field as logged ({@code mx.example.org[192.0.2.1]:25}, {@code local}, {@code none})
 * @param relayPeer     the relay parsed into name/ip/port, or null when it is not a network peer
 * @param delay         total delay in seconds as logged, or null
 * @param delays        the a/b/c/d breakdown as logged, or null
 * @param dsn           the DSN code ({@code 2.0.0}), or null
 * @param status        the outcome's word as logged (sent, deferred, bounced, expired, undeliverable,
 *                      deliverable, or what else): shown, saved in snapshots and event data; code
 *                      that acts on it reads {@link #outcome()}
 * @param reply         the text in parentheses after the status, or null
 * @param queuedAs      the next queue ID when the peer said {@code queued as X}, else null
 * @param forwardedAs   the new queue ID when local(8) forwarded it ({@code forwarded as X}), else null
 */
public record DeliveryAttempt(LineMeta meta, QueueId queueId, String recipient, String origRecipient,
                              String relay, Peer relayPeer, String delay, String delays, String dsn,
                              String status, String reply, QueueId queuedAs, QueueId forwardedAs)
        implements MailEvent {

    /** The outcome the logged status word names. */
    public DeliveryOutcome outcome() {
        return DeliveryOutcome.parse(status);
    }
    @Override
    public <R> R accept(MailEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
