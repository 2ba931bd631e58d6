package org.mailtrace.correlate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.mailtrace.model.MessageTrace;

/**
 * Everything the correlator remembers, in one serialisable object: the snapshot is this object as
 * JSON. Lookup indexes are derived ({@link #reindex()}) and never saved. Every saved collection keeps
 * an order that survives the snapshot (insertion order, restored as read; sorted for the small ones),
 * so a restored state iterates exactly like the original. Insertion-ordered hash maps rather than
 * TreeMaps for the big ones: their string-compare lookups were a fifth of the ingest thread.
 */
@JsonPropertyOrder({"snapshotVersion"})
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class CorrelationState {
    /**
     * The snapshot format this build writes and the newest it reads. 1: the snapshots before parts
     * recorded their format (those written before the number existed carry none and are version 1).
     * 2: each part records the format whose line created it ({@link Part#format}); a version-1 part
     * has none, is read as it is and keeps none in the snapshots after it (its MTA is then guessed as
     * before: {@link PartFormats}). Raised so that a build which would drop the field is refused a
     * snapshot that has it. Raise it whenever a saved field is added or changes meaning, and keep
     * reading the older versions.
     */
    static final int SNAPSHOT_VERSION = 2;

    LinkedHashMap<String, TraceState> traces = new LinkedHashMap<>();
    LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    /** Links waiting for their far end, by the far end's queue ID (a new part only looks at its own). */
    LinkedHashMap<String, List<PendingLink>> pending = new LinkedHashMap<>();
    TreeSet<String> inferredDomains = new TreeSet<>();
    LinkedHashSet<String> dirty = new LinkedHashSet<>();
    LinkedHashSet<String> deleted = new LinkedHashSet<>();
    /** Traces evicted from memory before they were drained: built at eviction, handed out by the next drain. */
    LinkedHashMap<String, MessageTrace> built = new LinkedHashMap<>();
    TreeMap<String, Long> anomalies = new TreeMap<>();
    long seq;
    long events;
    Instant latest;
    /** Address-verification probes seen (not mail: they get no trace). */
    long addressProbes;
    /** Messages evicted early by the caps on open messages and lines per message ({@link CorrelationSettings}). */
    long evictedByCap;
    /** Events with a text cut to the field cap. */
    long eventsCut;

    /** namespace|queueId -> the current part with that queue ID (the newest, after reuse). */
    @JsonIgnore
    Map<String, Part> current = new HashMap<>();
    @JsonIgnore
    Map<String, Part> partsByKey = new HashMap<>();
    @JsonIgnore
    Map<String, List<Part>> byQueueId = new HashMap<>();
    @JsonIgnore
    Map<String, List<Part>> byMessageId = new HashMap<>();
    /** copy key -> the parts that carry it ({@link CorrelationRules#copyKey}). */
    @JsonIgnore
    Map<String, List<Part>> byCopyKey = new HashMap<>();
    @JsonIgnore
    EvictionQueue eviction = new EvictionQueue();
    /** The estimated heap of all traces in memory, the sum of their {@link TraceState#bytes}. */
    @JsonIgnore
    long openBytes;
    /** Every pending link, oldest first, so expiring them touches only the expired ones. */
    @JsonIgnore
    DueHeap<PendingLink> pendingByAge = new DueHeap<>();
    /** client IP|sender|recipient -> keys of temporarily refused attempts waiting for that retry ({@link RetriedAttempts}). */
    @JsonIgnore
    Map<String, List<String>> retryIndex = new HashMap<>();

    /** Written first ({@code @JsonPropertyOrder}), so a newer snapshot is refused before any other field is read. */
    @JsonProperty("snapshotVersion")
    private int snapshotVersion() {
        return SNAPSHOT_VERSION;
    }

    @JsonProperty("snapshotVersion")
    private void snapshotVersion(int version) {
        if (version < 1 || version > SNAPSHOT_VERSION) {
            throw new SnapshotVersionException(version);
        }
    }

    /** A snapshot this build cannot read: refused as a whole, never half-read. */
    static final class SnapshotVersionException extends IllegalArgumentException {
        SnapshotVersionException(int version) {
            super("correlator snapshot: version " + version + (version < 1 ? " is not a valid version"
                    : " was written by a newer mailtrace; this one reads versions up to " + SNAPSHOT_VERSION)
                    + ": run the mailtrace version that wrote this data directory (see 'mailtrace --version' there), "
                    + "or restore a backup made before the upgrade ('mailtrace restore')");
        }
    }

    /** What a trace costs before its facts (the trace, its part, index entries), measured in docs/benchmark.md. */
    static final long TRACE_BYTES = 1024;

    /**
     * The estimated heap of one fact: 256 bytes for the objects, and a byte per character of its
     * line and the texts parsed from it ({@link FieldCaps#chars}; text outside Latin-1 takes two).
     * Deterministic and derived from the fact alone, so a restored state counts exactly what the
     * uninterrupted one did. Measured against the live heap in docs/benchmark.md.
     */
    static long factBytes(Fact f) {
        return 256 + FieldCaps.chars(f.event());
    }

    /** Puts a new trace in memory and counts its cost. */
    void addTrace(TraceState t) {
        traces.put(t.id, t);
        t.bytes = TRACE_BYTES;
        openBytes += t.bytes;
    }

    /** Removes a trace from memory (evicted or merged away) and its cost. */
    void removeTrace(TraceState t) {
        if (traces.remove(t.id) != null) {
            openBytes -= t.bytes;
        }
    }

    /** Adds a fact to a trace in memory and counts its cost. */
    /** Marks {@code t} as changed since the last drain and counts the change ({@link TraceState#revision}). */
    void changed(TraceState t) {
        dirty.add(t.id);
        t.revision++;
    }

    void addFact(TraceState t, Fact f) {
        t.facts.add(f);
        long b = factBytes(f);
        t.bytes += b;
        openBytes += b;
    }

    /** Recounts every trace's cost from its facts (after a restore, or after facts were cut). */
    void recountBytes() {
        openBytes = 0;
        for (TraceState t : traces.values()) {
            t.bytes = TRACE_BYTES;
            for (Fact f : t.facts) {
                t.bytes += factBytes(f);
            }
            openBytes += t.bytes;
        }
    }

    static String traceIdFor(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String queueKey(String namespace, String queueId) {
        return namespace + "|" + queueId;
    }

    void reindex() {
        current.clear();
        partsByKey.clear();
        byQueueId.clear();
        byMessageId.clear();
        byCopyKey.clear();
        eviction.clear();
        pendingByAge.clear();
        for (List<PendingLink> links : pending.values()) {
            for (PendingLink link : links) {
                pendingByAge.add(link.time(), link);
            }
        }
        for (TraceState t : traces.values()) {
            eviction.add(t.id, t.lastSeen);
            for (Part p : t.parts) {
                index(p);
            }
        }
        RetriedAttempts.reindex(this);
        recountBytes();
    }

    /**
     * Rebuilds the eviction queue from the traces in memory, dropping the entries of traces that
     * left: a sender whose lines all carry the same time never lets those entries come due. Safe
     * for the same reason a restore is: each trace gets an entry at its last line, no later than
     * it can become evictable.
     */
    void rebuildEvictionQueue() {
        eviction.clear();
        for (TraceState t : traces.values()) {
            eviction.add(t.id, t.lastSeen);
        }
    }

    void index(Part p) {
        partsByKey.put(p.key, p);
        if (p.queueId != null) {
            Part cur = current.get(queueKey(p.namespace, p.queueId));
            if (cur == null || !cur.firstSeen.isAfter(p.firstSeen)) {
                current.put(queueKey(p.namespace, p.queueId), p);
            }
            byQueueId.computeIfAbsent(p.queueId, k -> new ArrayList<>()).add(p);
        }
        indexMessageId(p);
        indexCopyKey(p);
    }

    void indexCopyKey(Part p) {
        if (p.copyKey != null) {
            List<Part> list = byCopyKey.computeIfAbsent(p.copyKey, k -> new ArrayList<>());
            if (!list.contains(p)) {
                list.add(p);
            }
        }
    }

    void indexMessageId(Part p) {
        if (p.messageId != null) {
            List<Part> list = byMessageId.computeIfAbsent(p.messageId, k -> new ArrayList<>());
            if (!list.contains(p)) {
                list.add(p);
            }
        }
    }

    void unindex(Part p) {
        partsByKey.remove(p.key);
        if (p.queueId != null) {
            current.remove(queueKey(p.namespace, p.queueId), p);
            removeFrom(byQueueId, p.queueId, p);
        }
        if (p.messageId != null) {
            removeFrom(byMessageId, p.messageId, p);
        }
        if (p.copyKey != null) {
            removeFrom(byCopyKey, p.copyKey, p);
        }
    }

    private static void removeFrom(Map<String, List<Part>> index, String key, Part p) {
        List<Part> list = index.get(key);
        if (list != null) {
            list.remove(p);
            if (list.isEmpty()) {
                index.remove(key);
            }
        }
    }

    TraceState traceOf(Part p) {
        return traces.get(p.traceId);
    }

    void anomaly(String kind) {
        anomalies.merge(kind, 1L, Long::sum);
    }
}
