package org.mailtrace.correlate;

import java.util.List;
import java.util.Set;

import org.mailtrace.store.JoinedTrace;

/**
 * What joining hop records makes ({@link Correlator#joinHops}): the joined traces, each with what it
 * was built from, and the trace IDs they replace (to delete). A trace ID never appears in both.
 */
public record HopJoins(List<JoinedTrace> joined, Set<String> deleted) {
    public HopJoins {
        joined = List.copyOf(joined);
        deleted = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(deleted));
    }

    public boolean isEmpty() {
        return joined.isEmpty() && deleted.isEmpty();
    }
}
