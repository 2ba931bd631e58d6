package org.mailtrace.event;

import java.util.Locale;

/**
 * What a delivery agent said of one recipient ({@link DeliveryAttempt#outcome()}), parsed from the
 * logged word ({@code status=sent}, or what a reader maps its MTA's marks to).
 */
public enum DeliveryOutcome {
    /** Accepted by the next hop or the mailbox. */
    SENT,
    /** Failed for now; will be retried. */
    DEFERRED,
    /** Failed for good; a non-delivery notification follows. */
    BOUNCED,
    /** Given up on after the queue lifetime. */
    EXPIRED,
    /** An address-verification probe found the address deliverable: a test, not mail. */
    DELIVERABLE,
    /** An address-verification probe found the address undeliverable: a test, not mail. */
    UNDELIVERABLE,
    /**
     * Not a delivery: the address was routed to one or more others ({@code expanded} group,
     * {@code resolved} or {@code redirected} address, logged by Exchange), whose own lines say what
     * became of them. {@link DeliveryAttempt#origRecipient()} is the address, the recipient where it went.
     */
    REROUTED,
    /** Deleted on purpose without a notification ({@code discarded}: an agent or rule dropped it). */
    DISCARDED,
    /** A word none of the above: shown as logged. */
    OTHER;

    /** The outcome a logged status word names, case-insensitively; {@link #OTHER} for anything else (null too). */
    public static DeliveryOutcome parse(String word) {
        if (word == null) {
            return OTHER;
        }
        // Asked for every delivery line, several times: the word as logged (lower case) needs no copy.
        DeliveryOutcome exact = lowerCase(word);
        return exact != OTHER ? exact : lowerCase(word.toLowerCase(Locale.ROOT));
    }

    private static DeliveryOutcome lowerCase(String word) {
        return switch (word) {
            case "sent" -> SENT;
            case "deferred" -> DEFERRED;
            case "bounced" -> BOUNCED;
            case "expired" -> EXPIRED;
            case "deliverable" -> DELIVERABLE;
            case "undeliverable" -> UNDELIVERABLE;
            case "expanded", "resolved", "redirected" -> REROUTED;
            case "discarded" -> DISCARDED;
            default -> OTHER;
        };
    }

    /** Whether this outcome only answers an address-verification probe ({@code sendmail -bv}, verify(8)). */
    public boolean isAddressProbe() {
        return this == DELIVERABLE || this == UNDELIVERABLE;
    }
}
