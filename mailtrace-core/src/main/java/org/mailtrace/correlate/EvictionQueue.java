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
    /** {@code at} in nanoseconds since the epoch: a primitive compare, as every entry is compared log(n) times. */
    private record Due(long at, String traceId) {
    }

    // Order among entries due at the same instant does not matter: one housekeeping pass takes them all.
    private static final Comparator<Due> ORDER = Comparator.comparingLong(Due::at);

    private final PriorityQueue<Due> queue = new PriorityQueue<>(ORDER);

    void add(String traceId, Instant at) {
        queue.add(new Due(nanos(at), traceId));
    }

    /** The ID of the next trace whose entry is strictly before {@code now}, removing the entry; null if none. */
    String pollBefore(Instant now) {
        Due head = queue.peek();
        if (head == null || head.at() >= nanos(now)) {
            return null;
        }
        queue.poll();
        return head.traceId();
    }

    /** Saturating, so the far past and future (an idle limit of years) still compare correctly. */
    private static long nanos(Instant t) {
        long s = t.getEpochSecond();
        if (s >= Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE;
        }
        if (s <= Long.MIN_VALUE / 1_000_000_000L + 1) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000_000L + t.getNano();
    }

    void clear() {
        queue.clear();
    }

    int size() {
        return queue.size();
    }
}
