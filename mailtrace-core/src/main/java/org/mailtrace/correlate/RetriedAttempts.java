package org.mailtrace.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpDecision;

/**
 * Temporarily refused attempts (greylisting, postscreen's 450, any 4xx reject) waiting for the
 * client's retry. A refused attempt that never got a queue ID is remembered by client IP, sender and
 * recipient; when a message from that IP and sender is later delivered (or deferred) for that
 * recipient within the retry window, the attempt joins that message's trace as an earlier event
 * and its own trace is deleted. Without such a retry, log time passing the window makes the
 * correlator mark the trace {@link TraceState#retryGaveUp} and its Pending rows fail.
 *
 * <p>The index is derived state: rebuilt from the traces' facts on restore, never saved.
 */
final class RetriedAttempts {
    private final CorrelationState state;
    private final Linker linker;
    private final Duration window;

    RetriedAttempts(CorrelationState state, Linker linker, Duration window) {
        this.state = state;
        this.linker = linker;
        this.window = window;
    }

    /** A reject with a 4xx reply: the client is asked to try again later. */
    static boolean isTemporary(SmtpDecision d) {
        if (!"reject".equalsIgnoreCase(d.action()) || d.reply() == null) {
            return false;
        }
        if (d.reply().code() > 0) {
            return d.reply().code() >= 400 && d.reply().code() < 500;
        }
        return d.reply().dsn() != null && d.reply().dsn().startsWith("4.");
    }

    /** The index key of a retry: client IP, sender and recipient, or null when one is missing. */
    private static String key(String clientIp, String sender, String recipient) {
        if (clientIp == null || sender == null || recipient == null || recipient.isEmpty()) {
            return null;
        }
        return (clientIp + "|" + sender + "|" + recipient).toLowerCase(Locale.ROOT);
    }

    private static String key(SmtpDecision d) {
        return d.envelope() == null || d.client() == null ? null
                : key(d.client().ip(), d.envelope().from(), d.envelope().to());
    }

    /** {@code d}, a temporary refusal, was recorded in {@code part}'s trace: wait for the retry. */
    void onRefusal(Part part, SmtpDecision d) {
        TraceState t = state.traceOf(part);
        if (t == null) {
            return;
        }
        java.time.Instant until = d.meta().time().plus(window);
        if (t.retryUntil == null || until.isAfter(t.retryUntil)) {
            t.retryUntil = until;
            t.retryGaveUp = false;
            // Look at it when the window ends: it may fail then, and must not be evicted before.
            state.eviction.add(t.id, until);
        }
        index(part, d);
    }

    private void index(Part part, SmtpDecision d) {
        String k = key(d);
        if (k != null && part.isRefusedAttempt()) {
            List<String> keys = state.retryIndex.computeIfAbsent(k, x -> new ArrayList<>(1));
            if (!keys.contains(part.key)) {
                keys.add(part.key);
            }
        }
    }

    /** The trace gave up waiting or leaves memory: its attempts can no longer be retried into another trace. */
    void forget(TraceState t) {
        if (t.retryUntil == null || state.retryIndex.isEmpty()) {
            return;
        }
        for (Fact f : t.facts) {
            if (f.event() instanceof SmtpDecision d && isTemporary(d)) {
                String k = key(d);
                List<String> keys = k == null ? null : state.retryIndex.get(k);
                if (keys != null) {
                    keys.remove(f.part());
                    if (keys.isEmpty()) {
                        state.retryIndex.remove(k);
                    }
                }
            }
        }
    }

    /** Rebuilds the index from the traces still waiting (after a restore). */
    static void reindex(CorrelationState state) {
        state.retryIndex.clear();
        RetriedAttempts r = new RetriedAttempts(state, null, Duration.ZERO);
        for (TraceState t : state.traces.values()) {
            if (t.retryUntil == null || t.retryGaveUp) {
                continue;
            }
            for (Fact f : t.facts) {
                Part p = state.partsByKey.get(f.part());
                if (p != null && f.event() instanceof SmtpDecision d && isTemporary(d)) {
                    r.index(p, d);
                }
            }
        }
    }

    /**
     * {@code part} was delivered (or deferred) to a recipient: if its message came from a client
     * that was refused temporarily for the same sender and recipient within the window before,
     * that attempt was greylisting at work and joins this trace.
     */
    void onDelivery(Part part, DeliveryAttempt d) {
        if (state.retryIndex.isEmpty()) {
            return;
        }
        TraceState t = state.traceOf(part);
        Part root = t == null ? null : t.root();
        if (root == null || root.queueId == null) {
            return;
        }
        String clientIp = null;
        String sender = null;
        for (Fact f : t.facts) {
            if (f.part().equals(root.key)) {
                if (f.event() instanceof QueuedFromClient q && q.client() != null && clientIp == null) {
                    clientIp = q.client().ip();
                } else if (f.event() instanceof EnvelopeSeen q && sender == null) {
                    sender = q.sender();
                }
            }
        }
        join(t, root, key(clientIp, sender, d.recipient()));
        if (d.origRecipient() != null) {
            join(t, root, key(clientIp, sender, d.origRecipient()));
        }
    }

    private void join(TraceState t, Part message, String k) {
        List<String> keys = k == null ? null : state.retryIndex.get(k);
        if (keys == null) {
            return;
        }
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            Part attempt = state.partsByKey.get(it.next());
            TraceState at = attempt == null ? null : state.traceOf(attempt);
            if (at == null || at.retryGaveUp || attempt.parentKey != null || !attempt.key.equals(at.rootKey)) {
                it.remove(); // merged, evicted or given up meanwhile
                continue;
            }
            if (at == t || attempt.lastSeen.isAfter(message.firstSeen)
                    || Duration.between(attempt.lastSeen, message.firstSeen).compareTo(window) > 0) {
                continue;
            }
            it.remove();
            linker.joinRetriedAttempt(attempt, message);
        }
        if (keys.isEmpty()) {
            state.retryIndex.remove(k);
        }
    }
}
