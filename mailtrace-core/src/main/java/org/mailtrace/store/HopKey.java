package org.mailtrace.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One end of a relay hop between two MTA hosts, as a {@link HopRecord} states it: the queue ID the
 * message has (or will have) on the receiving host, and when.
 *
 * @param queueId the receiving host's queue ID (the {@code X} of {@code 250 2.0.0 Ok: queued as X})
 * @param time    for an outbound key, the log time of the delivery line that named {@code X}; for an
 *                inbound key, the log time of the receiving host's first line of {@code X}
 * @param partKey the correlator's key of the queue file on this side (the sending queue file for an
 *                outbound key, the receiving one for an inbound key); opaque to stores
 */
public record HopKey(String queueId, Instant time, String partKey) {
    public HopKey {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(partKey, "partKey");
    }
}
