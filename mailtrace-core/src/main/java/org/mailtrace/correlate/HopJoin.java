package org.mailtrace.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.store.HopKey;
import org.mailtrace.store.HopRecord;
import org.mailtrace.store.JoinedTrace;

/**
 * Joins a message's halves that separate ingest processes correlated (one process per MTA host)
 * into the one trace a single process reading every host would have built
 * ({@link org.mailtrace.store.HopDirectory} has the protocol). Pure: records in, traces out.
 *
 * <p>A record carries its trace's parts and facts, so the join replays exactly what the
 * {@link Linker} would have joined in memory: the receiving queue file becomes a {@link LinkKind#HOP}
 * child of the sending one, the joined trace keeps the sending (first) host's trace ID, and the
 * facts of all hosts are replayed together. Which hops match is the {@link Linker#linkHop} rule:
 * same queue ID, within the link window, the nearest first seen (ties: the smaller part key).
 *
 * <p>Not carried across processes (the rows do not show them): a related trace (notification)
 * that points at a trace ID the join deleted keeps pointing at it, and domains one process inferred
 * from local deliveries (without {@code accepted_domains}) are not known to the other.
 */
final class HopJoin {
    private final Duration window;
    private final MessageTraceBuilder builder;

    HopJoin(Duration window, MessageTraceBuilder builder) {
        this.window = window;
        this.builder = builder;
    }

    /** The record of a trace that waits for a hop or may be one's far end; null when it is neither. */
    static HopRecord recordOf(TraceState t) {
        Part root = t.root();
        HopKey inbound = null;
        if (root != null && root.queueId != null && root.parentKey == null && !root.notification
                && !root.loopbackClient && handedInByClient(t, root)) {
            inbound = new HopKey(root.queueId, root.firstSeen, root.key);
        }
        List<HopKey> outbound = waitingHops(t);
        if (inbound == null && outbound.isEmpty()) {
            return null;
        }
        CorrelationState one = new CorrelationState();
        one.traces.put(t.id, t);
        Instant time = root != null ? root.firstSeen : t.lastSeen;
        return new HopRecord(t.id, time, inbound, outbound, StateJson.write(one));
    }

    private static boolean handedInByClient(TraceState t, Part root) {
        for (Fact f : t.facts) {
            if (f.part().equals(root.key) && f.event() instanceof QueuedFromClient) {
                return true;
            }
        }
        return false;
    }

    /** "queued as X" deliveries whose X did not join this trace: one key per sending part and X, at its first such line. */
    private static List<HopKey> waitingHops(TraceState t) {
        Map<String, HopKey> keys = new TreeMap<>();
        for (Fact f : t.facts) {
            if (f.event() instanceof DeliveryAttempt d && d.outcome() == DeliveryOutcome.SENT && d.queuedAs() != null) {
                String x = d.queuedAs().value();
                if (joinedHere(t, f.part(), x)) {
                    continue;
                }
                HopKey k = new HopKey(x, d.meta().time(), f.part());
                keys.merge(f.part() + "|" + x, k, (a, b) -> a.time().isAfter(b.time()) ? b : a);
            }
        }
        return new ArrayList<>(keys.values());
    }

    private static boolean joinedHere(TraceState t, String parentKey, String queueId) {
        for (Part p : t.parts) {
            if (queueId.equals(p.queueId) && parentKey.equals(p.parentKey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The joins that concern this process's records: for each group of matching records that holds
     * one of {@code local}, the joined trace to upsert and the other members' trace IDs to delete.
     * {@code found} may hold {@code local}'s earlier versions; {@code local} wins. Each joined trace
     * says what it was built from: the sum of its members' revisions ({@link JoinedTrace#builtFrom}).
     */
    HopJoins join(Collection<HopRecord> local, Collection<HopRecord> found) {
        Map<String, HopRecord> all = new TreeMap<>();
        for (HopRecord r : found) {
            all.put(r.traceId(), r);
        }
        for (HopRecord r : local) {
            all.put(r.traceId(), r);
        }
        Map<String, Edge> parentOf = edges(all);
        Map<String, List<Edge>> children = new TreeMap<>();
        for (Edge e : parentOf.values()) {
            children.computeIfAbsent(e.parent.traceId(), k -> new ArrayList<>()).add(e);
        }
        for (List<Edge> es : children.values()) {
            es.sort(Comparator.comparing((Edge e) -> e.key.time()).thenComparing(e -> e.child.traceId()));
        }
        Map<String, JoinedTrace> upserts = new TreeMap<>();
        Set<String> deleted = new TreeSet<>();
        Set<String> done = new TreeSet<>();
        for (HopRecord r : local) {
            String top = top(r.traceId(), parentOf);
            if (done.contains(top) || top.equals(r.traceId()) && !children.containsKey(top)) {
                continue; // already joined, or nothing to join
            }
            done.add(top);
            List<String> members = new ArrayList<>();
            JoinedTrace joined = build(all.get(top), children, all, members);
            upserts.put(joined.trace().messageTraceId(), joined);
            for (String m : members) {
                if (!m.equals(top)) {
                    deleted.add(m);
                }
            }
        }
        deleted.removeAll(upserts.keySet());
        return new HopJoins(new ArrayList<>(upserts.values()), deleted);
    }

    /** One hop: {@code key} of {@code parent} answered by {@code child}'s inbound key. */
    private record Edge(HopRecord parent, HopKey key, HopRecord child) {
    }

    /** For each record that is a hop's far end, the hop: the nearest inbound key for each outbound key. */
    private Map<String, Edge> edges(Map<String, HopRecord> all) {
        Map<String, List<HopRecord>> inboundByQueueId = new HashMap<>();
        for (HopRecord r : all.values()) {
            if (r.inbound() != null) {
                inboundByQueueId.computeIfAbsent(r.inbound().queueId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Edge> wanted = new ArrayList<>();
        for (HopRecord p : all.values()) {
            for (HopKey k : p.outbound()) {
                HopRecord best = null;
                long bestDistance = Long.MAX_VALUE;
                for (HopRecord c : inboundByQueueId.getOrDefault(k.queueId(), List.of())) {
                    if (c == p) {
                        continue;
                    }
                    long distance = Math.abs(Duration.between(k.time(), c.inbound().time()).toMillis());
                    if (distance <= window.toMillis() && (distance < bestDistance || distance == bestDistance
                            && c.inbound().partKey().compareTo(best.inbound().partKey()) < 0)) {
                        best = c;
                        bestDistance = distance;
                    }
                }
                if (best != null) {
                    wanted.add(new Edge(p, k, best));
                }
            }
        }
        // A queue file has one parent: the delivery that named it first wins (ties: the smaller trace ID).
        wanted.sort(Comparator.comparing((Edge e) -> e.key.time()).thenComparing(e -> e.parent.traceId()));
        Map<String, Edge> parentOf = new LinkedHashMap<>();
        for (Edge e : wanted) {
            if (!parentOf.containsKey(e.child.traceId()) && !reaches(e.child.traceId(), e.parent.traceId(), parentOf)) {
                parentOf.put(e.child.traceId(), e);
            }
        }
        return parentOf;
    }

    /** Whether {@code from} is an ancestor of {@code id} already (a new edge would close a cycle). */
    private static boolean reaches(String from, String id, Map<String, Edge> parentOf) {
        for (String cur = id; cur != null; ) {
            if (cur.equals(from)) {
                return true;
            }
            Edge e = parentOf.get(cur);
            cur = e == null ? null : e.parent.traceId();
        }
        return false;
    }

    private static String top(String id, Map<String, Edge> parentOf) {
        String cur = id;
        for (Edge e; (e = parentOf.get(cur)) != null; ) {
            cur = e.parent.traceId();
        }
        return cur;
    }

    /** The top record's trace with every descendant record's parts and facts joined in, as {@link Linker} merges. */
    private JoinedTrace build(HopRecord top, Map<String, List<Edge>> children, Map<String, HopRecord> all,
                              List<String> members) {
        TraceState into = traceOf(top);
        members.add(top.traceId());
        long builtFrom = into.revision;
        Deque<Edge> queue = new ArrayDeque<>(children.getOrDefault(top.traceId(), List.of()));
        while (!queue.isEmpty()) {
            Edge e = queue.poll();
            TraceState from = traceOf(all.get(e.child.traceId()));
            members.add(from.id);
            builtFrom += from.revision;
            Part childRoot = from.part(e.child.inbound().partKey());
            if (childRoot != null) {
                childRoot.parentKey = e.key.partKey();
                childRoot.linkKind = LinkKind.HOP;
            }
            for (Part p : from.parts) {
                p.traceId = into.id;
                into.parts.add(p);
            }
            for (Fact f : from.facts) {
                if (!Correlator.isDuplicate(into, f.event())) {
                    into.facts.add(f);
                }
            }
            for (Link l : from.links) {
                into.addLink(l);
            }
            queue.addAll(children.getOrDefault(from.id, List.of()));
        }
        return new JoinedTrace(builder.build(into), builtFrom);
    }

    private static TraceState traceOf(HopRecord r) {
        CorrelationState s = StateJson.read(r.state());
        TraceState t = s.traces.get(r.traceId());
        if (t == null) {
            throw new IllegalArgumentException(r.traceId() + ": hop record holds no trace of that ID");
        }
        return t;
    }
}
