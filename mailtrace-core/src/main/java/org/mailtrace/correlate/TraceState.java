package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The open (in-memory) state of one trace: its parts and every fact seen for them. The
 * {@link MessageTraceBuilder} turns it into a {@link org.mailtrace.model.MessageTrace} by replay.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class TraceState {
    String id;
    /** The part whose first line created the trace (sender, received and origin come from it). */
    String rootKey;
    List<Part> parts = new ArrayList<>();
    List<Fact> facts = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    Instant lastSeen;
    /**
     * How many times this trace changed (every change marks it for the next drain and counts here):
     * grows with every new version, however the versions are drained or committed, and is the same
     * for the same lines, so a re-ingest counts the same. A joined trace's
     * {@link org.mailtrace.store.JoinedTrace#builtFrom} adds up its members' revisions. Saved in
     * snapshots (a resumed run must not count again from 0), left out while 0, so a snapshot written
     * before it existed reads as 0 and writes the same bytes.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
    long revision;
    /** Handed out by a drain at least once: merging it away must report its ID as deleted. */
    boolean emitted;
    /** An address-verification probe: not mail, never handed out (deleted if it was). */
    boolean probe;
    /**
     * When the retry window of its latest temporary (4xx) refusal ends, or null: until then it stays
     * in memory for the client's retry; then {@link #retryGaveUp} and its Pending rows fail.
     */
    Instant retryUntil;
    boolean retryGaveUp;
    /** Its estimated heap ({@link CorrelationState#TRACE_BYTES} + {@link CorrelationState#factBytes} of each fact); derived, not saved. */
    @JsonIgnore
    long bytes;

    TraceState() {
    }

    TraceState(String id, Part root) {
        this.id = id;
        this.rootKey = root.key;
        this.parts.add(root);
        this.lastSeen = root.lastSeen;
    }

    Part root() {
        return part(rootKey);
    }

    Part part(String key) {
        for (Part p : parts) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        return null;
    }

    void addLink(Link link) {
        if (!links.contains(link)) {
            links.add(link);
        }
    }

    /** True when no part can still receive lines that matter: all closed. */
    boolean allClosed() {
        for (Part p : parts) {
            if (!p.closed) {
                return false;
            }
        }
        return true;
    }
}
