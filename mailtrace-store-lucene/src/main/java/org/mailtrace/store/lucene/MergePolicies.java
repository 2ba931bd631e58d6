package org.mailtrace.store.lucene;

import org.apache.lucene.index.TieredMergePolicy;

/**
 * How the store's segments are merged, by what the writer is doing. A CLI search opens every
 * segment of the committed index before it answers, a few milliseconds each in a fresh JVM, and
 * runs its query once per segment: on a 1M-message store (676 MB) a cold {@code trace} took 0.60 s
 * with the 24 segments a bulk ingest leaves and 0.49 s with 7 (docs/benchmark.md, "Twelfth
 * session").
 *
 * <p>A bulk ingest keeps Lucene's tiered policy as it is: merging harder while it runs cost that
 * 1M-message ingest 27% more wall time on two cores, because the merge threads compete with the
 * reading and indexing threads. Once ingest has caught up with its live sources the cores are
 * mostly idle, and the floor rises: the store's flushed segments are 15-45 MB (a 64 MB indexing
 * buffer), so with Lucene's 2 MB floor ten of them, then ten of the next size, are allowed before
 * anything merges; a 16 MB floor counts each segment below it as 16 MB, which leaves a store
 * under ~160 MB as it was and merges a larger store's flushed segments into fewer, larger ones.
 */
final class MergePolicies {
    /** With {@link #favourSearches}: segments smaller than this count as this size when merges are picked. */
    static final double LIVE_FLOOR_SEGMENT_MB = 16;

    private MergePolicies() {
    }

    /** Lucene's tiered policy with its defaults, as a bulk ingest wants it. */
    static TieredMergePolicy bulk() {
        return new TieredMergePolicy();
    }

    /**
     * Raises the policy's floor for a writer that keeps up with live sources; true when it changed
     * (the first call), so the caller asks the writer for the merges the new floor wants.
     */
    static boolean favourSearches(TieredMergePolicy policy) {
        if (policy.getFloorSegmentMB() >= LIVE_FLOOR_SEGMENT_MB) {
            return false;
        }
        policy.setFloorSegmentMB(LIVE_FLOOR_SEGMENT_MB);
        return true;
    }
}
