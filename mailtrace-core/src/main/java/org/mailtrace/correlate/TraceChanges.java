package org.mailtrace.correlate;

import java.util.List;
import java.util.Set;

import org.mailtrace.model.MessageTrace;

/**
 * What changed since the last drain: traces to upsert (latest version of each, ordered by trace ID)
 * and trace IDs to delete because they were merged into another trace.
 * A trace ID never appears in both.
 */
public record TraceChanges(List<MessageTrace> upserted, Set<String> deleted) {
    public TraceChanges {
        upserted = List.copyOf(upserted);
        deleted = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(deleted));
    }

    public boolean isEmpty() {
        return upserted.isEmpty() && deleted.isEmpty();
    }
}
