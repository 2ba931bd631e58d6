package org.mailtrace.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.HopJoins;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.HopDirectory;
import org.mailtrace.store.HopRecord;
import org.mailtrace.store.JoinedTrace;

/**
 * The ingest side of {@link HopDirectory}'s protocol, run at each drain of the correlator (so per
 * commit, never per line): publish the hop records of the traces drained, look up the records
 * sharing their queue IDs (and, for chains, theirs), and replace the drained traces by what the
 * join makes. Every record is looked up once more after the commit that made it visible, so two
 * processes committing at the same moment still meet; a record published since the last commit
 * is not visible to look-ups yet, so two records of this process meet (through another
 * process's) at that second look-up at the latest.
 */
final class StoreHopJoin {
    /** How many rounds of look-ups follow a chain of hosts (MX, filter host, hub, mailbox host...). */
    static final int MAX_ROUNDS = 8;

    private final HopDirectory directory;
    /**
     * Trace IDs and queue IDs of the records published since the last commit, and then of those
     * the last commit made visible: looked up once more at the next drain after that commit. Only
     * keys are held (the records are in the store by then), so memory stays small however many
     * traces a commit carries.
     */
    private final Set<String> publishedTraces = new TreeSet<>();
    private final Set<String> publishedQueueIds = new TreeSet<>();
    private final Set<String> recheckTraces = new TreeSet<>();
    private final Set<String> recheckQueueIds = new TreeSet<>();

    StoreHopJoin(HopDirectory directory) {
        this.directory = directory;
    }

    /**
     * What a drain hands on once the hops are joined: {@code all} (the correlator's changes with the
     * joins applied: what was written, for statistics and listeners) and {@code plain} (what the
     * store's ordinary upserts and deletes still write: the joined traces are already handed to
     * {@link HopDirectory#upsertJoined}, which must not see them overwritten unconditionally).
     */
    record Joined(TraceChanges all, TraceChanges plain) {
        static Joined none(TraceChanges changes) {
            return new Joined(changes, changes);
        }
    }

    /**
     * {@code changes} with the joins of the correlator's newly drained hop records (and the rechecked
     * ones) applied; the joined traces are handed to the store's next commit through
     * {@link HopDirectory#upsertJoined}.
     */
    Joined apply(Correlator correlator, TraceChanges changes) {
        List<HopRecord> fresh = correlator.drainHopRecords();
        if (fresh.isEmpty() && recheckTraces.isEmpty()) {
            return Joined.none(changes);
        }
        Set<String> queueIds = new TreeSet<>(recheckQueueIds);
        for (HopRecord r : fresh) {
            queueIds.addAll(r.queueIds());
        }
        if (!fresh.isEmpty()) {
            directory.publish(fresh);
        }
        Map<String, HopRecord> found = lookUp(queueIds);
        Map<String, HopRecord> local = new LinkedHashMap<>();
        for (String id : recheckTraces) {
            HopRecord r = found.get(id);
            if (r != null) {
                local.put(id, r);
            }
        }
        for (HopRecord r : fresh) {
            local.put(r.traceId(), r);
            publishedTraces.add(r.traceId());
            publishedQueueIds.addAll(r.queueIds());
        }
        recheckTraces.clear();
        recheckQueueIds.clear();
        HopJoins joins = correlator.joinHops(local.values(), found.values());
        if (joins.isEmpty()) {
            return Joined.none(changes);
        }
        if (!joins.joined().isEmpty()) {
            directory.upsertJoined(joins.joined());
        }
        List<MessageTrace> joined = new ArrayList<>();
        for (JoinedTrace j : joins.joined()) {
            joined.add(j.trace());
        }
        TraceChanges all = combine(changes, new TraceChanges(joined, joins.deleted()));
        return new Joined(all, combine(changes, new TraceChanges(List.of(), joins.deleted()), joined));
    }

    /** Every stored record reachable from these queue IDs by shared queue IDs, by trace ID. */
    private Map<String, HopRecord> lookUp(Set<String> start) {
        Map<String, HopRecord> found = new TreeMap<>();
        Set<String> asked = new TreeSet<>();
        Set<String> next = new TreeSet<>(start);
        for (int round = 0; round < MAX_ROUNDS && !next.isEmpty(); round++) {
            asked.addAll(next);
            List<HopRecord> hits = directory.find(List.copyOf(next));
            next = new TreeSet<>();
            for (HopRecord r : hits) {
                if (found.putIfAbsent(r.traceId(), r) == null) {
                    for (String q : r.queueIds()) {
                        if (!asked.contains(q)) {
                            next.add(q);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** After a commit: what it published is visible now; those without a partner get their second look-up. */
    void committed() {
        recheckTraces.addAll(publishedTraces);
        recheckQueueIds.addAll(publishedQueueIds);
        publishedTraces.clear();
        publishedQueueIds.clear();
    }

    /** Whether records wait for their second look-up (a last commit should follow). */
    boolean hasRecheck() {
        return !recheckTraces.isEmpty();
    }

    /** {@code base} with {@code joined} applied: a trace the join deleted is not upserted, a joined trace replaces its older version. */
    static TraceChanges combine(TraceChanges base, TraceChanges joined) {
        return combine(base, joined, List.of());
    }

    /** As {@link #combine(TraceChanges, TraceChanges)}, and neither upserting nor deleting the trace IDs of {@code writtenElsewhere}. */
    private static TraceChanges combine(TraceChanges base, TraceChanges joined, List<MessageTrace> writtenElsewhere) {
        if (joined.isEmpty() && writtenElsewhere.isEmpty()) {
            return base;
        }
        Map<String, MessageTrace> upserts = new TreeMap<>();
        for (MessageTrace t : base.upserted()) {
            upserts.put(t.messageTraceId(), t);
        }
        for (String id : joined.deleted()) {
            upserts.remove(id);
        }
        for (MessageTrace t : joined.upserted()) {
            upserts.put(t.messageTraceId(), t);
        }
        Set<String> deleted = new TreeSet<>(base.deleted());
        deleted.addAll(joined.deleted());
        deleted.removeAll(upserts.keySet());
        for (MessageTrace t : writtenElsewhere) {
            upserts.remove(t.messageTraceId());
            deleted.remove(t.messageTraceId());
        }
        return new TraceChanges(new ArrayList<>(upserts.values()), deleted);
    }
}
