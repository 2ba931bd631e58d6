package org.mailtrace.correlate;

import java.time.Instant;

/**
 * When each trace should next be looked at for eviction, so that housekeeping touches only the
 * traces that are due instead of every trace in memory (it ran every 1,000 events and was a quarter
 * of the ingest's CPU when it scanned them all).
 *
 * <p>Entries are hints, checked lazily: an entry may name a trace that was merged away or evicted
 * (dropped when it comes up) or come up before the trace is really due (looked at, and re-queued at
 * its real deadline). The one invariant the {@link Correlator} keeps is that every trace in memory
 * has an entry no later than the moment it becomes evictable: one when it is created, one whenever
 * one of its parts closes, and a new one whenever an entry comes up and the trace stays.
 * Derived state: never saved, rebuilt from the traces on restore. Entries due at the same instant
 * come up in no particular order: one housekeeping pass takes them all.
 */
final class EvictionQueue {
    private final DueHeap<String> queue = new DueHeap<>();

    void add(String traceId, Instant at) {
        queue.add(at, traceId);
    }

    /** The ID of the next trace whose entry is strictly before {@code now}, removing the entry; null if none. */
    String pollBefore(Instant now) {
        if (queue.isEmpty() || queue.firstDue() >= DueHeap.nanos(now)) {
            return null;
        }
        return queue.poll();
    }

    void clear() {
        queue.clear();
    }

    int size() {
        return queue.size();
    }
}
