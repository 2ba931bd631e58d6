package org.mailtrace.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one ingest process leaves in the store about a message that may continue on, or may have
 * come from, a host another process reads (see {@link HopDirectory}).
 *
 * @param traceId  the trace ID this process gave the message (its upsert key: one record per trace)
 * @param time     when the message was first seen here (retention deletes the record with traces received before it)
 * @param inbound  the receiving end this message answers to (its first queue file was handed in by an
 *                 SMTP client that is not loopback), or null
 * @param outbound the relay hops it is waiting for: a delivery said {@code queued as X} and no queue
 *                 file {@code X} joined the trace in this process; empty when none
 * @param state    the trace's correlation facts, opaque to the store (the correlator's own JSON): what
 *                 lets the other process rebuild the joined message exactly as one process would
 */
public record HopRecord(String traceId, Instant time, HopKey inbound, List<HopKey> outbound,
                        String state) {
    public HopRecord {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(state, "state");
        outbound = outbound == null ? List.of() : List.copyOf(outbound);
    }

    /** The queue IDs a lookup by {@link HopDirectory#find} finds this record under: its inbound and outbound ones. */
    public List<String> queueIds() {
        List<String> ids = new java.util.ArrayList<>();
        if (inbound != null) {
            ids.add(inbound.queueId());
        }
        for (HopKey k : outbound) {
            if (!ids.contains(k.queueId())) {
                ids.add(k.queueId());
            }
        }
        return ids;
    }
}
