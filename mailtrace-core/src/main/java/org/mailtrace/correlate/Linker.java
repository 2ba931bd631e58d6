package org.mailtrace.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.model.RelatedTrace;

/**
 * Joins parts into one trace (content-filter reinjection, relay to a host we also read, local
 * forwards, refused recipients of an accepted message) and relates notifications to their
 * originals. Lines arrive in either order, so each link is tried from both ends: from the line that
 * announces it, and again when the far end's first line creates its part.
 */
final class Linker {
    private final CorrelationState state;
    private final Duration window;
    /** How far apart two copies of one message may be ({@link CorrelationRules#copyKey}): the idle limit. */
    private final Duration copyWindow;

    Linker(CorrelationState state, Duration window, Duration copyWindow) {
        this.state = state;
        this.window = window;
        this.copyWindow = copyWindow;
    }

    /**
     * The part carries the MTA's identity of the message across servers: it joins the trace of
     * every other part with that identity within the copy window, under the part that was seen
     * first (whichever file was read first), so the trace's root is where the message entered.
     * A part keeps the first key it is given. All parts in memory with one key are in one trace
     * after each call, so there is one other trace to join at most (two only across the window).
     */
    void onCopyKey(Part part, String key) {
        if (part.copyKey != null || part.queueId == null) {
            return;
        }
        part.copyKey = key;
        state.indexCopyKey(part);
        for (Part other : new ArrayList<>(state.byCopyKey.getOrDefault(key, List.of()))) {
            TraceState mine = state.traceOf(part);
            TraceState theirs = state.traceOf(other);
            if (other == part || mine == null || theirs == null || mine == theirs
                    || Math.abs(Duration.between(other.firstSeen, part.firstSeen).toMillis()) > copyWindow.toMillis()) {
                continue;
            }
            Part myRoot = mine.root();
            Part theirRoot = theirs.root();
            if (myRoot == null || theirRoot == null) {
                continue;
            }
            boolean theirsFirst = theirRoot.firstSeen.isBefore(myRoot.firstSeen)
                    || theirRoot.firstSeen.equals(myRoot.firstSeen) && theirRoot.key.compareTo(myRoot.key) < 0;
            // Roots and this part as parents, never the index's order: a restored state indexes parts in
            // another order, and must link exactly as the uninterrupted run did.
            if (theirsFirst) {
                attachChild(theirRoot, myRoot, LinkKind.COPY);
            } else {
                attachChild(part, theirRoot, LinkKind.COPY);
            }
        }
    }

    /**
     * The message a notification is about, found by its Message-ID ({@link CorrelationRules#notificationOf}):
     * the latest part with that ID seen before the notification within the link window, on the
     * notification's host if any is, else on any host; null when none is in memory.
     */
    Part originalByMessageId(Part notice, String messageId, Instant time) {
        Part best = null;
        for (Part p : state.byMessageId.getOrDefault(messageId, List.of())) {
            if (p == notice || p.queueId == null || p.firstSeen.isAfter(time) || !within(p.firstSeen, time)
                    || p.traceId.equals(notice.traceId)) {
                continue;
            }
            boolean sameHost = p.host.equals(notice.host);
            boolean bestSameHost = best != null && best.host.equals(notice.host);
            if (best == null || sameHost && !bestSameHost
                    || sameHost == bestSameHost && (p.firstSeen.isAfter(best.firstSeen)
                    || p.firstSeen.equals(best.firstSeen) && p.key.compareTo(best.key) < 0)) {
                best = p;
            }
        }
        return best;
    }

    /** Relates a notification to the message it is about (both traces link to each other). */
    void relate(Part original, Part notice) {
        relateNotification(original, notice);
    }

    /**
     * Relates a message a mailbox rule made (its own trace, from the mailbox owner) to the message
     * that triggered the rule: both traces link to each other, neither joins the other.
     */
    void relateForward(Part original, Part forward) {
        TraceState orig = state.traceOf(original);
        TraceState fwd = state.traceOf(forward);
        if (orig == null || fwd == null || orig == fwd) {
            return;
        }
        orig.addLink(new Link(RelatedTrace.FORWARDED_COPY, fwd.id, forward.queueId));
        fwd.addLink(new Link(RelatedTrace.FORWARDED_FROM, orig.id, original.queueId));
        state.dirty.add(orig.id);
        state.dirty.add(fwd.id);
    }

    /** A sent delivery: link its "queued as" child, its loopback Message-ID child, or its forward. */
    void onDelivery(Part part, DeliveryAttempt d) {
        if (d.outcome() != DeliveryOutcome.SENT) {
            return;
        }
        Instant time = d.meta().time();
        if (d.queuedAs() != null) {
            linkHop(part, d.queuedAs().value(), time);
        } else if (d.relayPeer() != null && Cidr.isLoopback(d.relayPeer().ip())) {
            if (part.loopbackSendAt == null || time.isAfter(part.loopbackSendAt)) {
                part.loopbackSendAt = time;
            }
            findMessageIdChild(part);
        }
        if (d.forwardedAs() != null) {
            linkForward(part, d.forwardedAs().value(), time);
        }
    }

    void linkHop(Part parent, String queueId, Instant time) {
        Part best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Part p : state.byQueueId.getOrDefault(queueId, List.of())) {
            long distance = Math.abs(Duration.between(time, p.firstSeen).toMillis());
            if (linkable(parent, p) && distance <= window.toMillis()
                    && (distance < bestDistance || distance == bestDistance && p.key.compareTo(best.key) < 0)) {
                best = p;
                bestDistance = distance;
            }
        }
        if (best != null) {
            attachChild(parent, best, LinkKind.HOP);
        } else {
            addPending(new PendingLink(LinkKind.HOP, null, queueId, parent.key, parent.traceId, time, null));
        }
    }

    void linkForward(Part parent, String queueId, Instant time) {
        Part child = state.current.get(CorrelationState.queueKey(parent.namespace, queueId));
        if (child != null && linkable(parent, child) && within(child.firstSeen, time)) {
            attachChild(parent, child, LinkKind.FORWARD);
        } else {
            addPending(new PendingLink(LinkKind.FORWARD, parent.namespace, queueId, parent.key, parent.traceId,
                    time, null));
        }
    }

    void onNotification(Part original, NotificationQueued n) {
        String queueId = n.notificationId().value();
        Part notice = state.current.get(CorrelationState.queueKey(original.namespace, queueId));
        if (notice != null && notice != original && within(notice.firstSeen, n.meta().time())) {
            relateNotification(original, notice);
        } else {
            addPending(new PendingLink(LinkKind.NOTIFICATION, original.namespace, queueId, original.key,
                    original.traceId, n.meta().time(), n.kind()));
        }
    }

    /** The message's Message-ID is known: it may be a filter's reinjection, or a parent of one. */
    void onMessageId(Part part) {
        if (part.loopbackClient && part.parentKey == null) {
            Part best = null;
            long bestDistance = Long.MAX_VALUE;
            for (Part p : state.byMessageId.getOrDefault(part.messageId, List.of())) {
                if (p.loopbackSendAt == null || !p.host.equals(part.host) || !linkable(p, part)) {
                    continue;
                }
                long distance = Math.abs(Duration.between(p.loopbackSendAt, part.firstSeen).toMillis());
                if (distance <= window.toMillis() && (distance < bestDistance
                        || distance == bestDistance && p.key.compareTo(best.key) < 0)) {
                    best = p;
                    bestDistance = distance;
                }
            }
            if (best != null) {
                attachChild(best, part, LinkKind.MESSAGE_ID_HOP);
            }
        }
        if (part.loopbackSendAt != null) {
            findMessageIdChild(part);
        }
    }

    private void findMessageIdChild(Part parent) {
        if (parent.messageId == null) {
            return;
        }
        Part best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Part p : state.byMessageId.getOrDefault(parent.messageId, List.of())) {
            if (!p.loopbackClient || !p.host.equals(parent.host) || !linkable(parent, p)) {
                continue;
            }
            long distance = Math.abs(Duration.between(parent.loopbackSendAt, p.firstSeen).toMillis());
            if (distance <= window.toMillis()
                    && (distance < bestDistance || distance == bestDistance && p.key.compareTo(best.key) < 0)) {
                best = p;
                bestDistance = distance;
            }
        }
        if (best != null) {
            attachChild(parent, best, LinkKind.MESSAGE_ID_HOP);
        }
    }

    private void addPending(PendingLink link) {
        state.pending.computeIfAbsent(link.queueId(), k -> new ArrayList<>()).add(link);
        state.pendingByAge.add(link.time(), link);
    }

    /** A part was just created: complete any link that was waiting for its queue ID. */
    void onNewPart(Part part) {
        List<PendingLink> waiting = state.pending.get(part.queueId);
        if (waiting == null) {
            return;
        }
        onNewPart(part, waiting);
        if (waiting.isEmpty()) {
            state.pending.remove(part.queueId);
        }
    }

    private void onNewPart(Part part, List<PendingLink> waiting) {
        for (Iterator<PendingLink> it = waiting.iterator(); it.hasNext(); ) {
            PendingLink link = it.next();
            if (!link.queueId().equals(part.queueId)
                    || link.namespace() != null && !link.namespace().equals(part.namespace)
                    || !within(part.firstSeen, link.time())) {
                continue;
            }
            Part from = state.partsByKey.get(link.fromPart());
            if (from == null) {
                it.remove();
                continue;
            }
            if (link.kind() == LinkKind.NOTIFICATION) {
                it.remove();
                relateNotification(from, part);
            } else if (part.parentKey == null && linkable(from, part)) {
                it.remove();
                attachChild(from, part, link.kind());
            }
        }
    }

    /** Refused recipients of the session's transaction join the message that got a queue ID. */
    void joinRefusedAttempt(Part attempt, Part message) {
        if (attempt.traceId.equals(message.traceId)) {
            return;
        }
        attempt.parentKey = message.key;
        attempt.linkKind = LinkKind.REFUSED_ATTEMPT;
        attempt.closed = true;
        attempt.closedAt = attempt.lastSeen;
        merge(state.traceOf(message), state.traceOf(attempt));
    }

    /** A temporarily refused attempt whose retry was accepted as {@code message}: one trace, the attempt's deleted. */
    void joinRetriedAttempt(Part attempt, Part message) {
        if (attempt.traceId.equals(message.traceId)) {
            return;
        }
        attempt.parentKey = message.key;
        attempt.linkKind = LinkKind.RETRIED_ATTEMPT;
        merge(state.traceOf(message), state.traceOf(attempt));
    }

    void dropExpired(Instant now) {
        long expiredBefore = DueHeap.nanos(now.minus(window));
        while (!state.pendingByAge.isEmpty() && state.pendingByAge.firstDue() < expiredBefore) {
            PendingLink oldest = state.pendingByAge.poll();
            List<PendingLink> links = state.pending.get(oldest.queueId());
            if (links != null) {
                // By identity: an equal link announced twice is two entries, each expiring on its own.
                for (Iterator<PendingLink> it = links.iterator(); it.hasNext(); ) {
                    if (it.next() == oldest) {
                        it.remove();
                        break;
                    }
                }
                if (links.isEmpty()) {
                    state.pending.remove(oldest.queueId());
                }
            }
        }
    }

    private void relateNotification(Part original, Part notice) {
        TraceState orig = state.traceOf(original);
        TraceState note = state.traceOf(notice);
        if (orig == null || note == null || orig == note) {
            return;
        }
        notice.notification = true;
        orig.addLink(new Link(RelatedTrace.NDR, note.id, notice.queueId));
        note.addLink(new Link(RelatedTrace.NDR_OF, orig.id, original.queueId));
        state.changed(orig);
        state.changed(note);
    }

    private boolean linkable(Part parent, Part child) {
        return child != parent && child.queueId != null && child.parentKey == null
                && !child.traceId.equals(parent.traceId) && !child.notification;
    }

    private boolean within(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toMillis()) <= window.toMillis();
    }

    private void attachChild(Part parent, Part child, LinkKind kind) {
        child.parentKey = parent.key;
        child.linkKind = kind;
        merge(state.traceOf(parent), state.traceOf(child));
    }

    /** Moves everything of {@code from} into {@code into}; {@code from}'s ID is reported deleted if it was ever emitted. */
    private void merge(TraceState into, TraceState from) {
        for (Part p : from.parts) {
            p.traceId = into.id;
            into.parts.add(p);
        }
        for (Fact f : from.facts) {
            // Duplicated input (the same log read twice) must not show an event twice after a join.
            if (!Correlator.isDuplicate(into, f.event())) {
                state.addFact(into, f);
            }
        }
        for (Link l : from.links) {
            into.addLink(l);
            TraceState other = state.traces.get(l.traceId());
            if (other != null) {
                other.links.replaceAll(o -> o.traceId().equals(from.id)
                        ? new Link(o.relation(), into.id, o.queueId()) : o);
                state.changed(other);
            }
        }
        if (from.lastSeen.isAfter(into.lastSeen)) {
            into.lastSeen = from.lastSeen;
        }
        state.removeTrace(from);
        state.dirty.remove(from.id);
        if (from.emitted || state.built.remove(from.id) != null) {
            state.deleted.add(from.id);
        }
        state.changed(into);
    }
}
