package org.mailtrace.correlate;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

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
 * Derived state: never saved, rebuilt from the traces on restore.
 */
final class EvictionQueue {
    private record Due(Instant at, String traceId) {
    }

    private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::traceId);

    private final PriorityQueue<Due> queue = new PriorityQueue<>(ORDER);

    void add(String traceId, Instant at) {
        queue.add(new Due(at, traceId));
    }

    /** The ID of the next trace whose entry is strictly before {@code now}, removing the entry; null if none. */
    String pollBefore(Instant now) {
        Due head = queue.peek();
        if (head == null || !head.at().isBefore(now)) {
            return null;
        }
        queue.poll();
        return head.traceId();
    }

    void clear() {
        queue.clear();
    }

    int size() {
        return queue.size();
    }
}
