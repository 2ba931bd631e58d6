package org.mailtrace.correlate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MailEventVisitor;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.HopRecord;

/**
 * Turns a stream of {@link MailEvent}s into {@link MessageTrace}s (docs/product.md): one trace per
 * message across all its queue IDs and hops, one row per envelope recipient, a timeline of events.
 * The correlator itself knows no MTA: each event comes with the {@link CorrelationRules} of the
 * format that parsed it, which say what starts and ends a message and what an SMTP session is.
 * It is built with the rules of every format whose lines it may be handed: facts (and snapshots)
 * do not say which format wrote them, so the replay asks all of theirs ({@link RowEffects}).
 *
 * <p>Contract:
 * <ul>
 *   <li>Pure: no I/O and no wall clock; the log time of the events drives grace periods and eviction.</li>
 *   <li>{@link #accept} never throws; odd input (unknown queue IDs, out-of-order or duplicated lines)
 *       is tolerated and counted in {@link #anomalies()}.</li>
 *   <li>Deterministic: the same events give the same trace IDs, rows and events.</li>
 *   <li>{@code restore(settings, formats, snapshot())} followed by the remaining events yields exactly what an
 *       uninterrupted run yields.</li>
 *   <li>Not thread-safe: one correlator per ingest worker.</li>
 * </ul>
 */
public final class Correlator {
    /** How far apart (log time) the two ends of a link may be: a pending link is only keys, so it may wait long. */
    static final Duration LINK_WINDOW = Duration.ofMinutes(10);
    /**
     * How long a message whose queue files are all removed stays in memory for late lines: Postfix logs
     * "removed" last, after the hop, notification and forward lines that link it, so only lines shuffled
     * by syslog or merged from other hosts come later, within seconds. It keeps every fact of the
     * message, so it sets the correlator's memory: at 10M messages a day, 10 minutes held ~70,000
     * closed traces (over 600 MB); 2 minutes holds a fifth of that.
     */
    static final Duration GRACE = Duration.ofMinutes(2);
    static final Duration SESSION_IDLE = Duration.ofHours(1);
    static final int HOUSEKEEPING_EVERY = 1000;

    private final CorrelationSettings settings;
    private final CorrelationState state;
    private final Linker linker;
    private final RetriedAttempts retries;
    private final MessageTraceBuilder builder;
    private final Dispatch dispatch = new Dispatch();
    /** The rules of the event being accepted (null between events). */
    private CorrelationRules rules;
    /** The trace the current event added a fact to, for the cap on lines per message. */
    private TraceState touched;
    /** The event being accepted, and the part it was added to (null until it was). */
    private MailEvent current;
    private Part currentPart;
    /** Messages evicted by the caps while restoring (a snapshot from a run with larger caps). */
    private long evictedWhenRestored;
    /**
     * Hop records of the traces handed out since {@link #drainHopRecords}, by trace ID, when
     * {@link #recordHops} is on; null when off (one process reads every host). Never in a snapshot:
     * the pipeline takes them at each drain, before the checkpoint.
     */
    private Map<String, HopRecord> hopRecords;

    /**
     * @param formats the rules of every format whose lines {@link #accept} may be handed
     *                ({@link org.mailtrace.format.LineFormat#rules()}, in the order of
     *                {@link org.mailtrace.format.Formats#all()}); throws IllegalArgumentException
     *                when their {@link RowEffects} disagree on a program
     */
    public Correlator(CorrelationSettings settings, List<? extends CorrelationRules> formats) {
        this(settings, formats, new CorrelationState());
    }

    private Correlator(CorrelationSettings settings, List<? extends CorrelationRules> formats, CorrelationState state) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.state = state;
        this.linker = new Linker(state, LINK_WINDOW, settings.idleLimit());
        this.retries = new RetriedAttempts(state, linker, settings.retryWindow());
        List<RowEffects> effects = new ArrayList<>();
        formats.forEach(f -> effects.add(f.rowEffects()));
        this.builder = new MessageTraceBuilder(new Directions(settings, state.inferredDomains),
                RowEffects.combined(effects));
        applyCapsToRestored();
    }

    /**
     * Takes one event into account, joined by the rules of the format that parsed it
     * ({@link org.mailtrace.format.LineFormat#rules()}; not null; one of the formats the correlator
     * was built with, whose row effects the replay knows). Never throws; what cannot be used
     * is counted in {@link #anomalies()}.
     */
    public void accept(MailEvent event, CorrelationRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        if (event == null || event.meta() == null || event.meta().time() == null || event.meta().host() == null) {
            state.anomaly("event without time or host");
            return;
        }
        MailEvent capped = FieldCaps.cap(event, settings.maxFieldChars());
        if (capped != event) {
            state.eventsCut++;
            event = capped;
        }
        touched = null;
        current = event;
        currentPart = null;
        try {
            dispatch(event);
            if (currentPart != null) {
                joinByRules(currentPart, event);
            }
            enforceCaps();
        } catch (RuntimeException e) {
            // One key per exception type keeps the map bounded; the line is in the lead's samples of skipped input.
            state.anomaly("internal error: " + e.getClass().getSimpleName());
        }
        touched = null;
        current = null;
        currentPart = null;
        this.rules = null;
        state.events++;
        Instant time = event.meta().time();
        if (state.latest == null || time.isAfter(state.latest)) {
            state.latest = time;
        }
        if (state.events % HOUSEKEEPING_EVERY == 0) {
            closeIdle(state.latest);
        }
    }

    /**
     * The latest version of every trace created or changed since the last drain, ordered by trace ID,
     * and the IDs of traces merged into others (delete them from the store).
     */
    public TraceChanges drainChanges() {
        return drain(true);
    }

    /**
     * Like {@link #drainChanges()} but only the traces that left memory (and the deletions): the
     * changed traces still in memory stay to be drained later, as they may change again. Lets a
     * batch ingest hand evicted traces on early, which bounds the memory they hold, without
     * building the open ones more often than it commits.
     */
    public TraceChanges drainEvicted() {
        return drain(false);
    }

    /** Traces that left memory since the last drain and wait in it to be handed out. */
    public int evictedWaiting() {
        return state.built.size();
    }

    /**
     * From now on, each trace handed out that waits for a relay hop or may be one's far end also
     * yields a {@link HopRecord} ({@link #drainHopRecords}), so that ingest processes reading
     * different hosts can join the message through the store ({@link org.mailtrace.store.HopDirectory}).
     * Off by default: a single process joins hops in memory and needs none.
     */
    public void recordHops() {
        if (hopRecords == null) {
            hopRecords = new LinkedHashMap<>();
        }
    }

    /** The hop records of the traces handed out since the last call (in the order handed out); empty when {@link #recordHops} is off. */
    public List<HopRecord> drainHopRecords() {
        if (hopRecords == null || hopRecords.isEmpty()) {
            return List.of();
        }
        List<HopRecord> out = new ArrayList<>(hopRecords.values());
        hopRecords.clear();
        return out;
    }

    /**
     * The traces that joining this process's hop records with those other processes stored makes
     * (see {@link HopJoin}): each joined trace to upsert (with what it was built from), and the trace
     * IDs it replaces to delete. Pure: reads neither the store nor this correlator's open messages,
     * so it may run at any time.
     */
    public HopJoins joinHops(Collection<HopRecord> local, Collection<HopRecord> found) {
        return new HopJoin(LINK_WINDOW, builder).join(local, found);
    }

    private void recordHop(TraceState t) {
        if (hopRecords != null) {
            HopRecord r = HopJoin.recordOf(t);
            if (r != null) {
                hopRecords.put(t.id, r);
            } else {
                hopRecords.remove(t.id);
            }
        }
    }

    private TraceChanges drain(boolean inMemoryToo) {
        Map<String, MessageTrace> out = new TreeMap<>(state.built);
        if (inMemoryToo) {
            for (String id : state.dirty) {
                TraceState t = state.traces.get(id);
                if (t != null && !t.probe) {
                    out.put(id, builder.build(t));
                    t.emitted = true;
                    recordHop(t);
                }
            }
            state.dirty.clear();
        }
        Set<String> deleted = new TreeSet<>(state.deleted);
        deleted.removeAll(out.keySet());
        state.built.clear();
        state.deleted.clear();
        return new TraceChanges(new ArrayList<>(out.values()), deleted);
    }

    /**
     * Forgets, as of log time {@code logNow}: messages idle longer than the idle limit (kept with the
     * status they have), closed messages past their grace period, smtpd sessions idle over an hour,
     * and links that waited longer than their window. Traces forgotten before a drain still appear
     * in the next {@link #drainChanges()}.
     */
    public void closeIdle(Instant logNow) {
        if (logNow == null) {
            return;
        }
        for (String id; (id = state.eviction.pollBefore(logNow)) != null; ) {
            TraceState t = state.traces.get(id);
            if (t == null) {
                continue; // merged into another trace, or already evicted
            }
            if (waitingForRetry(t) && t.retryUntil.isBefore(logNow)) {
                // No retry came within the window: rebuilt now, its temporarily refused rows fail.
                t.retryGaveUp = true;
                retries.forget(t);
                state.changed(t);
            }
            Instant deadline = evictionDeadline(t);
            if (deadline.isBefore(logNow)) {
                evict(t);
            } else {
                state.eviction.add(id, waitingForRetry(t) && t.retryUntil.isBefore(deadline) ? t.retryUntil : deadline);
            }
        }
        for (var it = state.sessions.values().iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (s.lastSeen.plus(SESSION_IDLE).isBefore(logNow)) {
                sessionEnded(s, null);
                endTransaction(s);
                it.remove();
            }
        }
        linker.dropExpired(logNow);
    }

    /**
     * When the trace may leave memory: a grace period after its last line once every part is closed
     * (late lines and links can still reach it), else the idle limit after its last line.
     */
    private Instant evictionDeadline(TraceState t) {
        Instant idle = t.lastSeen.plus(settings.idleLimit());
        if (!t.allClosed()) {
            return idle;
        }
        Instant graceEnd = t.lastSeen.plus(GRACE);
        Instant deadline = graceEnd.isBefore(idle) ? graceEnd : idle;
        // A temporarily refused attempt waits for the client's retry until its window ends.
        return waitingForRetry(t) && deadline.isBefore(t.retryUntil) ? t.retryUntil : deadline;
    }

    private static boolean waitingForRetry(TraceState t) {
        return t.retryUntil != null && !t.retryGaveUp;
    }

    /** Queue files (messages, not refused attempts) held in memory: open ones and closed ones in their grace period. */
    public int openMessages() {
        int n = 0;
        for (TraceState t : state.traces.values()) {
            for (Part p : t.parts) {
                if (p.queueId != null) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Messages that left memory early because of {@link CorrelationSettings#maxOpenMessages()} or
     * {@link CorrelationSettings#maxFactsPerMessage()}, since the state began (restores included):
     * each was handed out as a partial trace with the status it had.
     */
    public long evictedByCap() {
        return state.evictedByCap;
    }

    /** How many of {@link #evictedByCap()} this correlator evicted when it was restored, before any new line. */
    public long evictedWhenRestored() {
        return evictedWhenRestored;
    }

    /** Events with a text cut to {@link CorrelationSettings#maxFieldChars()}, since the state began (restores included). */
    public long eventsCut() {
        return state.eventsCut;
    }

    /** Entries in the eviction queue (tests: they must not outgrow the traces in memory). */
    int evictionEntries() {
        return state.eviction.size();
    }

    /** The estimated heap of the messages in memory now: what {@link CorrelationSettings#maxOpenBytes()} bounds. */
    public long bytesInMemory() {
        return state.openBytes;
    }

    /** Messages (traces, refused attempts included) in memory now: what {@link CorrelationSettings#maxOpenMessages()} bounds. */
    public int tracesInMemory() {
        return state.traces.size();
    }

    /** Address-verification probes seen since the state began (restores included): not mail, no rows. */
    public long addressProbes() {
        return state.addressProbes;
    }

    /** Counts of input the correlator could not use or had to guess about, by kind. */
    public Map<String, Long> anomalies() {
        return new TreeMap<>(state.anomalies);
    }

    /** The whole state as JSON, for {@link #restore}. */
    public String snapshot() {
        return StateJson.write(state);
    }

    /** The whole state as UTF-8 JSON streamed to {@code out} (left open), for {@link #restore(CorrelationSettings, List, InputStream)}. */
    public void writeSnapshot(OutputStream out) throws IOException {
        StateJson.write(state, out);
    }

    /** A correlator continuing from {@link #writeSnapshot}; throws IllegalArgumentException if it is unreadable. */
    public static Correlator restore(CorrelationSettings settings, List<? extends CorrelationRules> formats,
                                     InputStream snapshot) throws IOException {
        return new Correlator(settings, formats, StateJson.read(snapshot));
    }

    /** A correlator continuing from a {@link #snapshot()}; throws IllegalArgumentException if it is unreadable. */
    public static Correlator restore(CorrelationSettings settings, List<? extends CorrelationRules> formats,
                                     String snapshot) {
        return new Correlator(settings, formats, StateJson.read(snapshot));
    }

    /**
     * Keeps memory within the caps after an event: a message past its line cap leaves first, then
     * the messages opened first until the count is back at the cap. Insertion order of the traces
     * survives a snapshot, so a restored correlator evicts the same ones.
     */
    private void enforceCaps() {
        TraceState t = touched;
        if (t != null && t.facts.size() > settings.maxFactsPerMessage() && state.traces.get(t.id) == t) {
            evictByCap(t);
        }
        int max = settings.maxOpenMessages();
        long maxBytes = settings.maxOpenBytes();
        boolean evicted = false;
        while (state.traces.size() > max || state.openBytes > maxBytes && !state.traces.isEmpty()) {
            evictByCap(state.traces.values().iterator().next());
            evicted = true;
        }
        if (evicted && state.eviction.size() > 2 * state.traces.size() + 1024) {
            state.rebuildEvictionQueue();
        }
    }

    private void evictByCap(TraceState t) {
        state.evictedByCap++;
        evict(t);
    }

    /**
     * A snapshot may come from a run with larger caps (or none): its facts are cut to the field cap
     * and its messages evicted down to the caps before the first new line, so a restart cannot bring
     * back a state that filled the heap.
     */
    private void applyCapsToRestored() {
        int maxChars = settings.maxFieldChars();
        for (TraceState t : state.traces.values()) {
            for (var it = t.facts.listIterator(); it.hasNext(); ) {
                Fact f = it.next();
                MailEvent capped = FieldCaps.cap(f.event(), maxChars);
                if (capped != f.event()) {
                    it.set(new Fact(f.seq(), f.part(), capped, FieldCaps.cut(f.helo(), maxChars)));
                    if (!t.probe) {
                        state.changed(t);
                    }
                }
            }
        }
        state.recountBytes();
        List<TraceState> tooLong = new ArrayList<>();
        for (TraceState t : state.traces.values()) {
            if (t.facts.size() > settings.maxFactsPerMessage()) {
                tooLong.add(t);
            }
        }
        long before = state.evictedByCap;
        tooLong.forEach(this::evictByCap);
        enforceCaps();
        evictedWhenRestored = state.evictedByCap - before;
    }

    private void evict(TraceState t) {
        retries.forget(t);
        if (state.dirty.remove(t.id) && !t.probe) {
            state.built.put(t.id, builder.build(t));
            t.emitted = true;
            recordHop(t);
        }
        for (Part p : t.parts) {
            state.unindex(p);
        }
        state.removeTrace(t);
    }

    private void dispatch(MailEvent event) {
        event.accept(dispatch);
    }

    /** Where each kind of event goes: a new kind does not compile until it has its place here. */
    private final class Dispatch implements MailEventVisitor<Void> {
        @Override
        public Void visit(SmtpConnect c) {
            LineMeta m = c.meta();
            String key = rules.sessionKey(m);
            if (key == null) {
                return null; // a line that names no session starts none
            }
            Session old = state.sessions.get(key);
            if (old != null) {
                sessionEnded(old, null); // its disconnect line was lost
                endTransaction(old);
            }
            Session s = new Session(m.time());
            s.clientName = c.client() == null ? null : c.client().name();
            s.clientIp = c.client() == null ? null : c.client().ip();
            state.sessions.put(key, s);
            return null;
        }

        @Override
        public Void visit(SmtpDisconnect x) {
            String key = rules.sessionKey(x.meta());
            Session s = key == null ? null : state.sessions.remove(key);
            if (s != null) {
                sessionEnded(s, x);
                endTransaction(s);
            }
            return null;
        }

        @Override
        public Void visit(QueuedFromClient q) {
            queuedFromClient(q);
            return null;
        }

        @Override
        public Void visit(LocalSubmission l) {
            queuedEvent(l, l.queueId(), true);
            return null;
        }

        @Override
        public Void visit(SmtpDecision d) {
            smtpdDecision(d);
            return null;
        }

        @Override
        public Void visit(FilterVerdict v) {
            filterVerdict(v);
            return null;
        }

        @Override
        public Void visit(MessageIdSeen id) {
            Part p = queuedEvent(id, id.queueId(), true);
            if (p != null && !id.resent() && p.messageId == null && id.messageId() != null
                    && !id.messageId().isBlank()) {
                p.messageId = id.messageId();
                state.indexMessageId(p);
                linker.onMessageId(p);
            }
            return null;
        }

        @Override
        public Void visit(ContentDecision c) {
            queuedEvent(c, c.queueId(), true);
            return null;
        }

        @Override
        public Void visit(EnvelopeSeen q) {
            queuedEvent(q, q.queueId(), true);
            return null;
        }

        @Override
        public Void visit(QueueRemoved r) {
            queuedEvent(r, r.queueId(), false);
            return null;
        }

        @Override
        public Void visit(QueueExpired x) {
            queuedEvent(x, x.queueId(), false);
            return null;
        }

        @Override
        public Void visit(DeliveryAttempt d) {
            Part p = queuedEvent(d, d.queueId(), false);
            if (p == null) {
                return null;
            }
            if (rules.isAddressProbe(d)) {
                addressProbe(state.traceOf(p));
                return null;
            }
            inferDomain(d);
            linker.onDelivery(p, d);
            retries.onDelivery(p, d);
            return null;
        }

        @Override
        public Void visit(DeliveryNote n) {
            queuedEvent(n, n.queueId(), false);
            return null;
        }

        @Override
        public Void visit(NotificationQueued n) {
            Part p = queuedEvent(n, n.queueId(), false);
            if (p != null && n.notificationId() != null) {
                linker.onNotification(p, n);
            }
            return null;
        }

        @Override
        public Void visit(QueueAdminAction a) {
            queuedEvent(a, a.queueId(), false);
            return null;
        }
    }

    private void queuedFromClient(QueuedFromClient q) {
        LineMeta m = q.meta();
        String key = rules.sessionKey(m);
        if (key == null) {
            // The line names no SMTP session: the message starts on its own.
            Part p = partOf(q, q.queueId(), true);
            if (addFact(p, q, q.helo())) {
                lifeChanged(p, q);
                p.loopbackClient = q.client() != null && Cidr.isLoopback(q.client().ip());
                if (p.loopbackClient && p.messageId != null) {
                    linker.onMessageId(p);
                }
            }
            return;
        }
        Session s = session(key, m);
        if (q.helo() != null) {
            s.helo = q.helo();
        }
        if (q.client() != null) {
            s.clientName = q.client().name();
            s.clientIp = q.client().ip();
        }
        if (q.saslUsername() != null) {
            s.saslUser = q.saslUsername();
        }
        Part p = partOf(q, q.queueId(), true);
        boolean fresh = addFact(p, q, s.helo);
        if (fresh) {
            lifeChanged(p, q);
            p.loopbackClient = q.client() != null && Cidr.isLoopback(q.client().ip());
            rememberQueued(s, p);
        }
        // Even for a duplicated client= line, the session's refused recipients belong to this message.
        s.messageKey = p.key;
        s.messageAt = m.time();
        if (s.attemptKey != null) {
            Part attempt = state.partsByKey.get(s.attemptKey);
            s.attemptKey = null;
            s.attemptSender = null;
            if (attempt != null) {
                linker.joinRefusedAttempt(attempt, p);
            }
        }
        if (fresh && p.loopbackClient && p.messageId != null) {
            linker.onMessageId(p);
        }
    }

    private void smtpdDecision(SmtpDecision d) {
        LineMeta m = d.meta();
        String key = rules.joinsSession(d) ? rules.sessionKey(m) : null;
        Session s = key == null ? null : session(key, m);
        String helo = null;
        if (s != null) {
            if (d.envelope() != null && d.envelope().helo() != null) {
                s.helo = d.envelope().helo();
            }
            if (d.client() != null && d.client().ip() != null) {
                s.clientIp = d.client().ip();
                s.clientName = d.client().name();
            }
            helo = s.helo;
        }
        if (d.queueId() != null) {
            Part p = partOf(d, d.queueId(), true);
            if (addFact(p, d, helo)) {
                onTemporaryRefusal(p, d);
            }
            inferDomain(d);
            return;
        }
        String sender = d.envelope() == null ? null : d.envelope().from();
        String stage = d.stage() == null ? "" : d.stage().toUpperCase(Locale.ROOT);
        if (s == null) {
            Part p = newAttempt(m, sender);
            addFact(p, d, null);
            close(p, m.time());
            onTemporaryRefusal(p, d);
            inferDomain(d);
            return;
        }
        boolean transactionStage = stage.equals("RCPT") || stage.isEmpty()
                || !"reject".equalsIgnoreCase(d.action()) && !stage.equals("CONNECT");
        boolean endOfData = stage.equals("DATA") || stage.equals("END-OF-MESSAGE") || stage.equals("BDAT");
        Part shuffledMessage = s.messageKey == null || !m.time().equals(s.messageAt) ? null
                : state.partsByKey.get(s.messageKey);
        if (shuffledMessage != null && transactionStage) {
            if (addFact(shuffledMessage, d, helo)) {
                onTemporaryRefusal(shuffledMessage, d);
            }
        } else if (transactionStage || endOfData) {
            Part attempt = s.attemptKey == null ? null : state.partsByKey.get(s.attemptKey);
            if (attempt == null || !Objects.equals(s.attemptSender, sender) && !(endOfData && sender == null)) {
                endTransaction(s);
                attempt = newAttempt(m, sender);
                s.attemptKey = attempt.key;
                s.attemptSender = sender;
            }
            if (addFact(attempt, d, helo)) {
                onTemporaryRefusal(attempt, d);
            }
            String proxied = rules.acceptedAs(d);
            if (proxied != null) {
                // A before-queue filter accepted it and the queue file behind the filter is named:
                // the refused-or-accepted attempt and that message are one trace.
                linker.linkHop(attempt, proxied, m.time());
            }
            if (endOfData) {
                endTransaction(s);
            }
        } else {
            endTransaction(s);
            Part p = newAttempt(m, sender);
            addFact(p, d, helo);
            close(p, m.time());
            onTemporaryRefusal(p, d);
        }
        inferDomain(d);
    }

    /**
     * What the rules say of the accepted event beyond its queue ID: the identity of the message
     * across servers ({@link CorrelationRules#copyKey}) and the message a notification is about
     * ({@link CorrelationRules#notificationOf}) or forwarded from ({@link CorrelationRules#forwardOf}).
     * Only for the event itself, never for facts the
     * correlator adds on its own.
     */
    private void joinByRules(Part p, MailEvent event) {
        String copy = rules.copyKey(event);
        if (copy != null) {
            linker.onCopyKey(p, copy);
        }
        String forwardOf = rules.forwardOf(event);
        if (forwardOf != null && p.queueId != null) {
            Part original = linker.originalByMessageId(p, forwardOf, event.meta().time());
            if (original == null) {
                state.anomaly("forward of a Message-ID not in memory");
            } else {
                linker.relateForward(original, p);
            }
        }
        CorrelationRules.NotificationOf about = rules.notificationOf(event);
        if (about == null || about.messageId() == null || p.queueId == null) {
            return;
        }
        Part original = linker.originalByMessageId(p, about.messageId(), event.meta().time());
        if (original == null) {
            state.anomaly("notification about a Message-ID not in memory");
            return;
        }
        LineMeta m = event.meta();
        NotificationQueued note = new NotificationQueued(new LineMeta(m.time(), original.host, m.instance(), m.program(),
                m.pid(), m.source(), m.message()), new QueueId(original.queueId), about.kind(), new QueueId(p.queueId));
        if (addFact(original, note, null)) {
            linker.relate(original, p);
        }
    }

    private void onTemporaryRefusal(Part p, SmtpDecision d) {
        if (RetriedAttempts.isTemporary(d)) {
            retries.onRefusal(p, d);
        }
    }

    private void filterVerdict(FilterVerdict v) {
        // A before-queue filter (smtpd_proxy_filter) sees no queue ID of ours: only the one it
        // re-injected into, which is part of the same trace.
        QueueId key = v.queueId() != null ? v.queueId() : v.queuedAs();
        if (key == null) {
            state.anomaly("filter verdict without queue ID");
            return;
        }
        Part target = null;
        for (Part p : state.byQueueId.getOrDefault(key.value(), List.of())) {
            if (p.host.equals(v.meta().host()) && (target == null || p.lastSeen.isAfter(target.lastSeen))) {
                target = p;
            }
        }
        if (target == null) {
            state.anomaly("filter verdict for unknown queue ID");
            return;
        }
        if (addFact(target, v, null) && v.queueId() != null && v.queuedAs() != null) {
            linker.linkHop(target, v.queuedAs().value(), v.meta().time());
        }
    }

    /**
     * Adds a line of a queued message to its part: {@code early} for the lines that start a queue
     * file's life (cleanup, qmgr), which open a new part when the old one with that ID was removed.
     * Returns the part, or null when the line has no queue ID or was a duplicate.
     */
    private Part queuedEvent(MailEvent event, QueueId qid, boolean early) {
        if (qid == null) {
            state.anomaly("event without queue ID: " + event.getClass().getSimpleName());
            return null;
        }
        Part p = partOf(event, qid, early);
        if (!addFact(p, event, null)) {
            return null;
        }
        lifeChanged(p, event);
        return p;
    }

    /** The part a line of a queued message belongs to: {@link #starterPart} for a line that starts a message, else {@link #partFor}. */
    private Part partOf(MailEvent e, QueueId qid, boolean early) {
        return rules.startsMessage(e) ? starterPart(e.meta(), qid) : partFor(e.meta(), qid, early);
    }

    /** After a new fact of {@code p}: a line that starts a message marks it started, one that ends it closes it. */
    private void lifeChanged(Part p, MailEvent e) {
        if (rules.startsMessage(e)) {
            p.started = true;
        }
        if (rules.endsMessage(e)) {
            close(p, e.meta().time());
        }
    }

    /** Counts the probe once and makes sure its trace is never handed out (deleted if it already was). */
    private void addressProbe(TraceState t) {
        if (t == null || t.probe) {
            return;
        }
        t.probe = true;
        state.addressProbes++;
        state.dirty.remove(t.id);
        if (t.emitted || state.built.remove(t.id) != null) {
            state.deleted.add(t.id);
        }
    }

    /** The part a starter line (client=, pickup) belongs to: a new one when the queue ID was reused. */
    private Part starterPart(LineMeta m, QueueId qid) {
        Part p = state.current.get(CorrelationState.queueKey(m.queueNamespace(), qid.value()));
        if (p == null) {
            return newPart(m, qid);
        }
        boolean reused = p.started || p.closed && m.time().isAfter(p.closedAt);
        if (reused && !isDuplicate(state.traceOf(p), m)) {
            return newPart(m, qid);
        }
        return p;
    }

    /** The part a non-starter line belongs to; a line that starts a message's life after the old one was removed starts a new one. */
    private Part partFor(LineMeta m, QueueId qid, boolean startsLife) {
        Part p = state.current.get(CorrelationState.queueKey(m.queueNamespace(), qid.value()));
        if (p != null && p.abandoned && !m.time().isAfter(p.closedAt.plus(GRACE))) {
            // A line of the sent message shuffled after the session's end: it was not abandoned after all.
            p.abandoned = false;
            p.closed = false;
            return p;
        }
        if (p == null || startsLife && p.closed && m.time().isAfter(p.closedAt) && !isDuplicate(state.traceOf(p), m)) {
            if (p == null) {
                state.anomaly("line for unknown queue ID (partial message)");
            }
            return newPart(m, qid);
        }
        return p;
    }

    private Part newPart(LineMeta m, QueueId qid) {
        UniqueKey u = unique("q|" + m.queueNamespace() + "|" + qid.value() + "|" + m.time().toEpochMilli());
        Part p = new Part(u.key(), m.queueNamespace(), m.host(), qid.value(), m.time(), u.traceId());
        TraceState t = new TraceState(p.traceId, p);
        state.addTrace(t);
        state.index(p);
        state.eviction.add(t.id, firstCheck(t));
        linker.onNewPart(p);
        return p;
    }

    private Part newAttempt(LineMeta m, String sender) {
        UniqueKey u = unique("n|" + m.queueNamespace() + "|" + m.pid() + "|" + m.time().toEpochMilli() + "|"
                + (sender == null ? "" : sender));
        Part p = new Part(u.key(), m.queueNamespace(), m.host(), null, m.time(), u.traceId());
        TraceState t = new TraceState(p.traceId, p);
        state.addTrace(t);
        state.index(p);
        state.eviction.add(t.id, firstCheck(t));
        return p;
    }

    /** A part key no open part has, with the trace ID derived from it (derived once: it is an MD5). */
    private record UniqueKey(String key, String traceId) {
    }

    /** Keeps distinct attempts distinct when their natural keys collide. */
    private UniqueKey unique(String key) {
        String candidate = key;
        String traceId = CorrelationState.traceIdFor(candidate);
        for (int n = 2; state.partsByKey.containsKey(candidate) || state.traces.containsKey(traceId); n++) {
            candidate = key + "|" + n;
            traceId = CorrelationState.traceIdFor(candidate);
        }
        return new UniqueKey(candidate, traceId);
    }

    /** Records the event as a fact of the part's trace; false (and counted) for a duplicated line. */
    private boolean addFact(Part p, MailEvent e, String helo) {
        TraceState t = state.traceOf(p);
        if (isDuplicate(t, e)) {
            state.anomaly("duplicated line");
            return false;
        }
        state.addFact(t, new Fact(state.seq++, p.key, e, helo));
        touched = t;
        if (e == current && currentPart == null) {
            currentPart = p;
        }
        p.touch(e.meta().time());
        if (e.meta().time().isAfter(t.lastSeen)) {
            t.lastSeen = e.meta().time();
        }
        if (!t.probe) {
            state.changed(t);
        }
        return true;
    }

    private static boolean isDuplicate(TraceState t, LineMeta m) {
        return isDuplicate(t, m, null, null);
    }

    /** Whether {@code e} repeats a fact of {@code t}: the same line again, and for the same recipient. */
    static boolean isDuplicate(TraceState t, MailEvent e) {
        return isDuplicate(t, e.meta(), e.getClass(), e);
    }

    private static boolean isDuplicate(TraceState t, LineMeta m, Class<?> type, MailEvent e) {
        if (t == null || m.message() == null) {
            return false;
        }
        for (Fact f : t.facts) {
            LineMeta o = f.event().meta();
            if ((type == null || f.event().getClass() == type) && o.time().equals(m.time())
                    && Objects.equals(o.program(), m.program()) && o.pid() == m.pid()
                    && Objects.equals(o.host(), m.host()) && m.message().equals(o.message())
                    && sameRecipient(f.event(), e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line may carry an outcome for each of several recipients (an Exchange row lists them
     * all): those are distinct facts. Postfix and Exim write one line per recipient.
     */
    private static boolean sameRecipient(MailEvent a, MailEvent b) {
        if (a instanceof DeliveryAttempt x && b instanceof DeliveryAttempt y) {
            return Objects.equals(x.recipient(), y.recipient()) && Objects.equals(x.origRecipient(), y.origRecipient());
        }
        return true;
    }

    private void close(Part p, Instant time) {
        if (!p.closed || time.isAfter(p.closedAt)) {
            p.closed = true;
            p.closedAt = time;
            TraceState t = state.traceOf(p);
            if (t != null) {
                // Its trace may now be finished: look at it when its grace period could end.
                state.eviction.add(t.id, firstCheck(t));
            }
        }
    }

    /** The earliest moment a trace could become evictable, whatever happens to it next. */
    private Instant firstCheck(TraceState t) {
        Duration soonest = GRACE.compareTo(settings.idleLimit()) < 0 ? GRACE : settings.idleLimit();
        return t.lastSeen.plus(soonest);
    }

    /**
     * smtpd opens a queue file at the first accepted RCPT; remembers it so that the session's end can
     * tell whether the client ever sent the message. Entries that did are dropped as new ones come.
     */
    private void rememberQueued(Session s, Part p) {
        s.queuedKeys.removeIf(k -> {
            Part q = state.partsByKey.get(k);
            return q == null || sentData(state.traceOf(q), q);
        });
        if (!s.queuedKeys.contains(p.key)) {
            s.queuedKeys.add(p.key);
            s.queuedCount++;
        }
    }

    /**
     * DATA and BDAT commands the disconnect line counts as accepted ({@code data=2}, or X of {@code data=X/Y}),
     * or -1 without counters. A DATA that failed (lost connection, rejected content) is not counted.
     */
    static int dataCommands(SmtpDisconnect x) {
        String m = x == null ? null : x.meta().message();
        if (m == null || !m.contains("commands=")) {
            return -1;
        }
        int n = 0;
        int at = 0;
        while (at < m.length()) {
            int end = counterEnd(m, at);
            if (end < 0) {
                at++;
            } else {
                n = saturatedAdd(n, m, at + COUNTER_NAME_CHARS, end);
                at = end;
            }
        }
        return n;
    }

    /**
     * {@code n} plus the digits {@code m[from, to)}, at most Integer.MAX_VALUE: a hostile line's
     * {@code data=99999999999} must not end the ingest (Integer.parseInt threw on it).
     */
    private static int saturatedAdd(int n, String m, int from, int to) {
        long value = 0;
        for (int i = from; i < to && value <= Integer.MAX_VALUE; i++) {
            value = value * 10 + (m.charAt(i) - '0');
        }
        return (int) Math.min(n + value, Integer.MAX_VALUE);
    }

    /** "data=" and "bdat=" are both five characters long. */
    private static final int COUNTER_NAME_CHARS = 5;

    /**
     * Where the digits of a {@code data=N} or {@code bdat=N} counter starting at {@code at} end, or -1
     * when none starts there: {@code \b(?:data|bdat)=(\d+)} without a regex, which cost ~3% of the
     * reading thread (one disconnect line per SMTP session).
     */
    private static int counterEnd(String m, int at) {
        if (!m.startsWith("data=", at) && !m.startsWith("bdat=", at)) {
            return -1;
        }
        if (at > 0 && isWordChar(m.charAt(at - 1))) {
            return -1;
        }
        int end = at + COUNTER_NAME_CHARS;
        while (end < m.length() && m.charAt(end) >= '0' && m.charAt(end) <= '9') {
            end++;
        }
        return end == at + COUNTER_NAME_CHARS ? -1 : end;
    }

    /** A word character as {@code \b} of java.util.regex sees it. */
    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /**
     * The session ended ({@code disconnect} line, or null when it went idle or its pid started a new
     * session): a queue file it opened without ever sending the message is closed as abandoned,
     * with the disconnect (or an end without a line, at the session's last line) as its last fact.
     */
    private void sessionEnded(Session s, SmtpDisconnect disconnect) {
        if (s.queuedKeys.isEmpty() || dataCommands(disconnect) >= s.queuedCount) {
            // The client sent DATA for every queue file: lines missing here are missing from the log.
            s.queuedKeys.clear();
            return;
        }
        for (String key : s.queuedKeys) {
            Part p = state.partsByKey.get(key);
            TraceState t = p == null ? null : state.traceOf(p);
            if (t == null || p.closed || sentData(t, p)) {
                continue;
            }
            SmtpDisconnect end = disconnect;
            if (end == null) {
                QueuedFromClient q = queuedLine(t, p);
                if (q == null) {
                    continue;
                }
                LineMeta qm = q.meta();
                Instant at = s.lastSeen.isAfter(p.lastSeen) ? s.lastSeen : p.lastSeen;
                end = new SmtpDisconnect(new LineMeta(at, qm.host(), qm.instance(), qm.program(), qm.pid(), null, null),
                        q.client());
            }
            if (addFact(p, end, s.helo)) {
                close(p, end.meta().time());
                p.abandoned = true;
            }
        }
        s.queuedKeys.clear();
    }

    private static QueuedFromClient queuedLine(TraceState t, Part p) {
        for (Fact f : t.facts) {
            if (f.part().equals(p.key) && f.event() instanceof QueuedFromClient q) {
                return q;
            }
        }
        return null;
    }

    /** Whether any line of {@code p} shows the client sent the message (see {@link #sentData(MailEvent)}). */
    private static boolean sentData(TraceState t, Part p) {
        if (t == null) {
            return false;
        }
        for (Fact f : t.facts) {
            if (f.part().equals(p.key) && sentData(f.event())) {
                return true;
            }
        }
        return false;
    }

    /** A line that exists only once the client sent DATA: anything but smtpd's client=, pre-DATA decisions and the session's end. */
    static boolean sentData(MailEvent e) {
        return e.accept(SENT_DATA);
    }

    private static final MailEventVisitor<Boolean> SENT_DATA = new MailEventVisitor<>() {
        @Override
        public Boolean visit(QueuedFromClient e) {
            return false;
        }

        @Override
        public Boolean visit(SmtpDisconnect e) {
            return false;
        }

        @Override
        public Boolean visit(SmtpConnect e) {
            return false;
        }

        @Override
        public Boolean visit(SmtpDecision d) {
            String stage = d.stage() == null ? "" : d.stage().toUpperCase(Locale.ROOT);
            return stage.equals("DATA") || stage.equals("END-OF-MESSAGE") || stage.equals("BDAT");
        }

        @Override
        public Boolean visit(MessageIdSeen e) {
            return true;
        }

        @Override
        public Boolean visit(ContentDecision e) {
            return true;
        }

        @Override
        public Boolean visit(LocalSubmission e) {
            return true;
        }

        @Override
        public Boolean visit(EnvelopeSeen e) {
            return true;
        }

        @Override
        public Boolean visit(QueueRemoved e) {
            return true;
        }

        @Override
        public Boolean visit(QueueExpired e) {
            return true;
        }

        @Override
        public Boolean visit(DeliveryAttempt e) {
            return true;
        }

        @Override
        public Boolean visit(DeliveryNote e) {
            return true;
        }

        @Override
        public Boolean visit(NotificationQueued e) {
            return true;
        }

        @Override
        public Boolean visit(QueueAdminAction e) {
            return true;
        }

        @Override
        public Boolean visit(FilterVerdict e) {
            return true;
        }
    };

    private void endTransaction(Session s) {
        if (s.attemptKey != null) {
            Part p = state.partsByKey.get(s.attemptKey);
            if (p != null) {
                close(p, p.lastSeen);
            }
        }
        s.attemptKey = null;
        s.attemptSender = null;
        s.messageKey = null;
        s.messageAt = null;
    }

    private Session session(String key, LineMeta m) {
        Session s = state.sessions.computeIfAbsent(key, k -> new Session(m.time()));
        if (m.time().isAfter(s.lastSeen)) {
            s.lastSeen = m.time();
        }
        return s;
    }

    private void inferDomain(MailEvent e) {
        if (!settings.acceptedDomains().isEmpty()) {
            return;
        }
        String address = null;
        if (e instanceof DeliveryAttempt d && d.outcome() == DeliveryOutcome.SENT && d.forwardedAs() == null
                && rules.rowEffects().deliveryAgents().get(d.meta().program()) == RowEffects.Delivery.MAILBOX) {
            address = d.recipient();
        } else if (e instanceof SmtpDecision d && d.reply() != null && d.reply().text() != null
                && d.envelope() != null && rules.rowEffects().refusesUnknownLocalUser(d)) {
            address = d.envelope().to();
        }
        String domain = Directions.domainOf(address);
        if (domain != null && state.inferredDomains.add(domain)) {
            state.traces.values().forEach(state::changed);
        }
    }
}
