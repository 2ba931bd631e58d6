package org.mailtrace.model;

/**
 * The status of one trace row, with Microsoft 365's values plus {@code Dropped}.
 *
 * <p>Declared in the order a row moves through them is irrelevant; {@link #isFinal()} says whether a
 * later log line may still change the status without a new attempt (Pending and GettingStatus can).
 */
public enum DeliveryStatus {
    /** Handed to a mailbox or accepted by the next SMTP hop. */
    Delivered,
    /** Accepted, not yet delivered, will be retried. */
    Pending,
    /** Refused or given up: rejects, bounces, expiry. */
    Failed,
    /** An address that fanned out to several recipients; each member has its own row. */
    Expanded,
    /** Held for review (hold actions, postsuper -h, filter quarantine). */
    Quarantined,
    /** A spam filter's verdict stopped or diverted it. */
    FilteredAsSpam,
    /** Accepted, then silently discarded on purpose: the sender got 250. */
    Dropped,
    /** Seen, but not yet enough lines to say. */
    GettingStatus;

    public boolean isFinal() {
        return this != Pending && this != GettingStatus;
    }

    /** Parses a status name case-insensitively; throws {@link IllegalArgumentException} listing the known names. */
    public static DeliveryStatus parse(String name) {
        for (DeliveryStatus s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + name + "'; known: "
                + java.util.Arrays.toString(values()));
    }
}
