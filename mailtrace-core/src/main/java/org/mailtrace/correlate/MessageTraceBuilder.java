package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEventVisitor;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.EventData;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;

/**
 * Builds the {@link MessageTrace} of a {@link TraceState} by replaying its facts in {@link FactOrder}.
 * Rebuilding from facts (instead of patching a stored trace) is what makes the result independent
 * of arrival order within a second, of snapshots, and of when links were discovered.
 */
final class MessageTraceBuilder {
    private final Directions directions;
    /** Those of every format the correlator was built with ({@link RowEffects#combined}). */
    private final RowEffects effects;

    MessageTraceBuilder(Directions directions, RowEffects effects) {
        this.directions = directions;
        this.effects = effects;
    }

    MessageTrace build(TraceState t) {
        List<Fact> facts = FactOrder.sorted(t.facts);
        Replay r = new Replay(t, facts, effects);
        r.run();
        TraceHeader h = TraceHeader.of(t, facts, directions);
        List<TraceEvent> events = new ArrayList<>();
        for (Draft d : r.drafts) {
            String detail = d.expandOf != null ? EventDetails.members(r.rows.membersOf(d.expandOf)) : d.detail;
            events.add(new TraceEvent(d.date, d.type, d.action, detail, d.recipient, d.data == null ? null : d.data.build()));
        }
        List<RelatedTrace> related = new ArrayList<>();
        for (Link l : t.links) {
            RelatedTrace rt = new RelatedTrace(l.traceId(), l.relation());
            if (!related.contains(rt)) {
                related.add(rt);
            }
        }
        return new MessageTrace(t.id, h.received(), h.sender(), r.subject, h.messageId(), h.fromIp(), h.size(),
                h.hosts(), h.queueIds(), r.rows.outcomes(a -> directions.direction(h.fromUs(), a)), events, related,
                h.alternateSenders(), h.alternateMessageIds());
    }

    /** One timeline entry under construction; EXPAND entries get their member list at the end. */
    private static final class Draft {
        Instant date;
        EventType type;
        String action;
        String detail;
        String recipient;
        EventData.Builder data;
        String expandOf;
    }

    /** The replay of one trace's facts into rows and events. */
    private static final class Replay implements MailEventVisitor<Void> {
        final TraceState trace;
        final RowEffects effects;
        final List<Fact> facts;
        final Map<String, Part> parts = new HashMap<>();
        final RecipientRows rows = new RecipientRows();
        final List<Draft> drafts = new ArrayList<>();
        /** parentKey|queueId of attempts whose "queued as" child is part of this trace. */
        final Set<String> hops = new HashSet<>();
        final Set<String> messageIdHopParents = new HashSet<>();
        /**
         * host|queueId of every part, and every part's host, when the trace holds copies of the
         * message from several servers ({@link LinkKind#COPY}); else empty.
         */
        final Set<String> copyParts = new HashSet<>();
        final Set<String> copyHosts = new HashSet<>();
        /** parentKey|queueId -> forward child part key. */
        final Map<String, String> forwards = new HashMap<>();
        /** lower-case address seen in a hop's child -> the row it belongs to. */
        final Map<String, String> routing = new HashMap<>();
        /** forward child part key -> the forwarding recipient's row. */
        final Map<String, String> forwardRows = new HashMap<>();
        String subject;
        /** The fact the subject was taken from. */
        Fact subjectFact;
        /** The last temporary (4xx) refusal replayed, or null: the trace waits for the client's retry. */
        SmtpDecision temporaryRefusal;
        /** Parts in Exchange's poison message queue now ({@link #poison}). */
        final Set<String> poisoned = new HashSet<>();
        /** Parts with a line written once the client sent the message (cleanup, qmgr, delivery...). */
        final Set<String> partsWithData = new HashSet<>();
        /** The fact being replayed, and its part (null for a fact whose part is unknown). */
        Fact fact;
        Part part;

        Replay(TraceState trace, List<Fact> facts, RowEffects effects) {
            this.trace = trace;
            this.effects = effects;
            this.facts = facts;
            for (Part p : trace.parts) {
                parts.put(p.key, p);
                if (p.parentKey != null && p.queueId != null) {
                    switch (p.linkKind) {
                        case HOP -> hops.add(p.parentKey + "|" + p.queueId);
                        case MESSAGE_ID_HOP -> messageIdHopParents.add(p.parentKey);
                        case FORWARD -> forwards.put(p.parentKey + "|" + p.queueId, p.key);
                        default -> { }
                    }
                }
            }
            if (trace.parts.stream().anyMatch(p -> p.linkKind == LinkKind.COPY)) {
                for (Part p : trace.parts) {
                    copyParts.add(p.host + "|" + p.queueId);
                    copyHosts.add(p.host.toLowerCase(Locale.ROOT));
                }
            }
        }

        void run() {
            for (Fact f : facts) {
                if (f.event() instanceof DeliveryAttempt d && d.outcome() == DeliveryOutcome.SENT) {
                    Part p = parts.get(f.part());
                    if (isHop(p, d)) {
                        String row = resolve(p, d);
                        routing.put(RecipientRows.key(d.recipient() == null ? row : d.recipient()), row);
                        if (d.origRecipient() != null) {
                            routing.put(RecipientRows.key(d.origRecipient()), row);
                        }
                    }
                    String child = d.forwardedAs() == null ? null : forwards.get(p.key + "|" + d.forwardedAs().value());
                    if (child != null) {
                        forwardRows.putIfAbsent(child, d.recipient() != null ? d.recipient() : resolve(p, d));
                    }
                }
            }
            for (Fact f : facts) {
                if (Correlator.sentData(f.event())) {
                    partsWithData.add(f.part());
                }
            }
            for (Fact f : facts) {
                fact = f;
                part = parts.get(f.part());
                f.event().accept(this);
            }
            giveUpWaitingForRetry();
            readdressExpandedMembers();
            for (Part p : trace.parts) {
                if (p.notification && p.queueId != null && !startedByOwnLine(p)) {
                    // A notification has no smtpd or pickup line: say where it came from.
                    Draft d = new Draft();
                    d.date = p.firstSeen;
                    d.type = EventType.SUBMIT;
                    d.action = "bounce";
                    d.detail = "Notification generated by " + mtaName(p) + " on " + p.host + " about an earlier message"
                            + " (see the related trace); queue ID " + p.queueId + ".";
                    d.data = new EventData.Builder().put("host", p.host).put("queueId", p.queueId);
                    insertFirstAtDate(d);
                }
            }
            for (Map.Entry<String, Instant> e : rows.expansions().entrySet()) {
                Draft d = new Draft();
                d.date = e.getValue();
                d.type = EventType.EXPAND;
                d.action = "expand";
                d.expandOf = e.getKey();
                d.recipient = rowAddressOf(e.getKey());
                d.data = new EventData.Builder().put("members", String.join(",", rows.membersOf(e.getKey())));
                insertByDate(d);
            }
        }

        /**
         * Once an address turned out to fan out to several members, the provisional "Redirected to"
         * entry written for its first member is wrong, and each member's delivery belongs on the
         * member's own row: the replay only knows this at the end.
         */
        private void readdressExpandedMembers() {
            Set<String> expanded = rows.expansions().keySet();
            if (expanded.isEmpty()) {
                return;
            }
            drafts.removeIf(d -> d.type == EventType.REDIRECT && d.recipient != null
                    && expanded.contains(RecipientRows.key(d.recipient))
                    && d.detail != null && d.detail.startsWith("Redirected to "));
            for (Draft d : drafts) {
                String to = d.data == null ? null : d.data.get("to");
                if (d.recipient != null && to != null && expanded.contains(RecipientRows.key(d.recipient))
                        && !RecipientRows.key(to).equals(RecipientRows.key(d.recipient))) {
                    d.recipient = to;
                }
            }
        }

        private String rowAddressOf(String key) {
            for (RecipientRows.Row r : rows.all()) {
                if (RecipientRows.key(r.address).equals(key)) {
                    return r.address;
                }
            }
            return key;
        }

        private void insertFirstAtDate(Draft d) {
            int i = 0;
            while (i < drafts.size() && drafts.get(i).date.isBefore(d.date)) {
                i++;
            }
            drafts.add(i, d);
        }

        private void insertByDate(Draft d) {
            int i = drafts.size();
            while (i > 0 && drafts.get(i - 1).date.isAfter(d.date)) {
                i--;
            }
            drafts.add(i, d);
        }

        boolean isHop(Part p, DeliveryAttempt d) {
            if (d.queuedAs() != null && hops.contains(p.key + "|" + d.queuedAs().value())) {
                return true;
            }
            if (!copyParts.isEmpty() && p != null) {
                // A copy of this message on another server (or split off on this one) is in the trace.
                if (d.queuedAs() != null && copyParts.contains(p.host + "|" + d.queuedAs().value())) {
                    return true;
                }
                String next = d.relayPeer() == null || d.relayPeer().name() == null ? null
                        : d.relayPeer().name().toLowerCase(Locale.ROOT);
                if (next != null && !next.equalsIgnoreCase(p.host) && copyHosts.contains(next)) {
                    return true;
                }
            }
            return d.queuedAs() == null && messageIdHopParents.contains(p.key)
                    && d.relayPeer() != null && Cidr.isLoopback(d.relayPeer().ip());
        }

        /** The row a delivery line updates: the forwarding recipient's, the hop parent's, or its own. */
        String resolve(Part p, DeliveryAttempt d) {
            String fwd = forwardRows.get(p.key);
            if (fwd != null) {
                return fwd;
            }
            String addr = d.origRecipient() != null ? d.origRecipient() : d.recipient();
            if (addr == null) {
                return null;
            }
            return routing.getOrDefault(RecipientRows.key(addr), addr);
        }

        private Draft event(Fact f, EventType type, String action, String detail, String recipient,
                            EventData.Builder data) {
            Draft d = new Draft();
            d.date = f.event().meta().time();
            d.type = type;
            d.action = action;
            d.detail = detail;
            d.recipient = recipient;
            d.data = data;
            drafts.add(d);
            return d;
        }

        /** The queue ID of the fact being replayed, or null. */
        private String qid() {
            return part == null ? null : part.queueId;
        }

        @Override
        public Void visit(QueuedFromClient q) {
            String helo = sessionHelo(fact, q);
            EventData.Builder data = EventDetails.base(q.meta(), qid());
            EventDetails.putClient(data, q.client());
            EventDetails.put(data, "helo", helo);
            EventDetails.put(data, "saslUser", q.saslUsername());
            EventDetails.put(data, "saslMethod", q.saslMethod());
            if (q.origClient() != null) {
                EventDetails.put(data, "origClient", q.origClient().toString());
            }
            event(fact, EventType.RECEIVE, q.meta().program(), EventDetails.receive(q, helo, part.linkKind),
                    null, data);
            return null;
        }

        @Override
        public Void visit(LocalSubmission l) {
            EventData.Builder data = EventDetails.base(l.meta(), qid());
            EventDetails.put(data, "uid", l.uid());
            EventDetails.put(data, "from", l.sender());
            event(fact, EventType.SUBMIT, l.meta().program(), EventDetails.submit(l), null, data);
            return null;
        }

        @Override
        public Void visit(EnvelopeSeen q) {
            queueEntry(fact, q);
            return null;
        }

        @Override
        public Void visit(SmtpDecision d) {
            smtpd(fact, d, d.queueId() == null ? null : d.queueId().value());
            return null;
        }

        @Override
        public Void visit(ContentDecision c) {
            content(fact, c, qid());
            return null;
        }

        @Override
        public Void visit(DeliveryAttempt d) {
            delivery(fact, d, part);
            return null;
        }

        @Override
        public Void visit(FilterVerdict v) {
            verdict(fact, v, qid());
            return null;
        }

        @Override
        public Void visit(QueueAdminAction a) {
            admin(fact, a, qid());
            return null;
        }

        @Override
        public Void visit(SmtpDisconnect x) {
            sessionEnded(fact, x, qid());
            return null;
        }

        @Override
        public Void visit(QueueExpired x) {
            rows.applyToAll(DeliveryStatus.Failed, null, true);
            EventData.Builder data = EventDetails.base(x.meta(), qid());
            EventDetails.put(data, "reply", x.text());
            event(fact, EventType.EXPIRE, x.meta().program(), "Gave up on " + x.meta().host()
                    + ": the message stayed in the queue longer than the maximal queue lifetime"
                    + (x.text() == null ? "" : " (" + x.text() + ")") + ".", null, data);
            return null;
        }

        @Override
        public Void visit(NotificationQueued n) {
            String noticeQid = n.notificationId() == null ? null : n.notificationId().value();
            String traceId = null;
            for (Link l : trace.links) {
                if (RelatedTrace.NDR.equals(l.relation()) && l.queueId() != null && l.queueId().equals(noticeQid)) {
                    traceId = l.traceId();
                }
            }
            EventData.Builder data = EventDetails.base(n.meta(), qid());
            EventDetails.put(data, "kind", n.kind());
            EventDetails.put(data, "notificationQueueId", noticeQid);
            EventDetails.put(data, "notificationTraceId", traceId);
            event(fact, EventType.NDR, "bounce", EventDetails.notification(n.kind(), traceId, noticeQid), null, data);
            return null;
        }

        // Lines that change no row and make no timeline entry of their own: the Message-ID is in the
        // header, a connect or removal is implied by the lines around it, a delivery note is not shown.

        @Override
        public Void visit(MessageIdSeen e) {
            return null;
        }

        @Override
        public Void visit(SmtpConnect e) {
            return null;
        }

        @Override
        public Void visit(QueueRemoved e) {
            return null;
        }

        @Override
        public Void visit(DeliveryNote e) {
            return null;
        }

        /**
         * The HELO name of the session that queued it: as known when the line arrived, else from a
         * decision line of the same smtpd process (shuffled lines may bring the HELO later).
         */
        private String sessionHelo(Fact f, QueuedFromClient q) {
            String fromDecision = null;
            for (Fact other : facts) {
                if (other.event() instanceof SmtpDecision d && d.envelope() != null && d.envelope().helo() != null
                        && d.meta().pid() == q.meta().pid() && d.meta().host().equals(q.meta().host())
                        && !d.meta().time().isAfter(q.meta().time())) {
                    fromDecision = d.envelope().helo();
                }
            }
            return fromDecision != null ? fromDecision : f.helo();
        }

        private void smtpd(Fact f, SmtpDecision d, String qid) {
            String stage = d.stage() == null ? "" : d.stage().toUpperCase(Locale.ROOT);
            String to = d.envelope() == null ? null : emptyToNull(d.envelope().to());
            if (to != null) {
                rows.top(to);
            }
            boolean wholeMessage = stage.equals("DATA") || stage.equals("END-OF-MESSAGE") || stage.equals("BDAT");
            String detail = EventDetails.smtpd(d);
            EventData.Builder data = EventDetails.smtpdData(d, qid, f.helo());
            // The same outcome whoever decided (smtpd's own restriction, a milter), told apart by the actor.
            RowEffects.Decided decided = effects.decided(d);
            String action = decided.action();
            String program = decided.by();
            switch (action) {
                case "reject" -> {
                    boolean temporary = RetriedAttempts.isTemporary(d);
                    Part part = parts.get(f.part());
                    if (part != null && part.linkKind == LinkKind.RETRIED_ATTEMPT) {
                        // An earlier attempt of this very message: the retry's own lines say what became of it.
                        if (to != null && rows.top(to).status == DeliveryStatus.GettingStatus) {
                            rows.top(to).status = DeliveryStatus.Pending;
                        }
                        event(f, EventType.REJECT, program, detail + " The client retried later: see the events below.",
                                to, data);
                        return;
                    }
                    if (wholeMessage) {
                        rows.applyToAccepted(temporary ? DeliveryStatus.Pending : DeliveryStatus.Failed, to);
                    } else if (to != null) {
                        rows.refusedAtRcpt(to, temporary);
                    } else if (rows.isEmpty()) {
                        rows.refusedWhole(temporary);
                    } else {
                        rows.applyToAll(DeliveryStatus.Failed, null, false);
                    }
                    if (temporary) {
                        temporaryRefusal = d;
                    }
                    event(f, EventType.REJECT, program, detail, wholeMessage ? null : to, data);
                }
                case "proxy-reject" -> {
                    rows.applyToAccepted(DeliveryStatus.Failed, to);
                    event(f, EventType.REJECT, "before-queue filter", detail, null, data);
                }
                case "hold" -> {
                    rows.applyToAccepted(DeliveryStatus.Quarantined, to);
                    event(f, EventType.QUARANTINE, program, detail, null, data);
                }
                case "discard" -> {
                    rows.applyToAccepted(DeliveryStatus.Dropped, to);
                    event(f, EventType.DROP, program, detail, null, data);
                }
                case "redirect" -> event(f, EventType.REDIRECT, program, detail, null, data);
                default -> event(f, EventType.POLICY, program, detail, null, data);
            }
        }

        /**
         * An arrival line that names the subject or the recipients (Exim's {@code T=} and {@code for}):
         * the subject as a header line would give it, a row for each recipient before any delivery.
         */
        private void queueEntry(Fact f, EnvelopeSeen q) {
            if (q.subject() != null && isOwnSubject(f)) {
                subject = q.subject();
                subjectFact = f;
            }
            if (q.recipients() != null) {
                List<String> accepted = new ArrayList<>(q.recipients().size());
                for (String r : q.recipients()) {
                    accepted.add(routing.getOrDefault(RecipientRows.key(r), r));
                }
                rows.accepted(accepted);
            }
        }

        /** Who wrote a queue file, from its namespace ({@code host/instance}). */
        private static String mtaName(Part p) {
            String instance = p.namespace == null ? "" : p.namespace.substring(p.namespace.lastIndexOf('/') + 1);
            return instance.startsWith("exim") ? "Exim" : instance.startsWith("exchange") ? "Exchange" : "Postfix";
        }

        /**
         * Whether a line of the part itself says how it began (an MTA that logs the notification it
         * generates as a submission, as Exchange's DSN row does): then no entry is made up for it.
         */
        private boolean startedByOwnLine(Part p) {
            for (Fact f : facts) {
                if (f.part().equals(p.key) && (f.event() instanceof LocalSubmission || f.event() instanceof QueuedFromClient)) {
                    return true;
                }
            }
            return false;
        }

        private void content(Fact f, ContentDecision c, String qid) {
            if (c.subject() != null && isOwnSubject(f)) {
                subject = c.subject();
                subjectFact = f;
            }
            RowEffects.Decided decided = effects.decided(c);
            String base = decided.action();
            String rule = decided.by();
            String to = c.envelope() == null ? null : emptyToNull(c.envelope().to());
            if (to != null) {
                to = routing.getOrDefault(RecipientRows.key(to), to);
            }
            String detail = EventDetails.content(c, base, rule);
            EventData.Builder data = EventDetails.contentData(c, qid);
            if (to != null && rows.isEmpty()) {
                // Postfix never logs accepted RCPTs: a cleanup line's to= may be all we learn of a recipient
                // (e.g. a message refused for its size after a header_checks INFO line named it).
                rows.top(to);
            }
            switch (base) {
                case "reject" -> {
                    boolean spam = mentionsSpam(c.reply() == null ? null : c.reply().text())
                            || mentionsSpam(c.source());
                    rows.applyToAccepted(spam ? DeliveryStatus.FilteredAsSpam : DeliveryStatus.Failed, to);
                    event(f, spam ? EventType.SPAM : EventType.REJECT, rule, detail, null, data);
                }
                case "discard" -> {
                    rows.applyToAccepted(DeliveryStatus.Dropped, to);
                    event(f, EventType.DROP, rule, detail, null, data);
                }
                case "hold" -> {
                    rows.applyToAccepted(DeliveryStatus.Quarantined, to);
                    event(f, EventType.QUARANTINE, rule, detail, null, data);
                }
                case "redirect" -> event(f, EventType.REDIRECT, rule, detail, null, data);
                default -> event(f, EventType.POLICY, rule, detail, null, data);
            }
        }

        /**
         * smtpd opened a queue file at the first accepted RCPT and the session ended before the
         * message was sent (the correlator adds the disconnect, or an end for an idle session, to
         * such a queue file only): its accepted recipients failed. Ignored when a line of the sent
         * message came after all (syslog shuffles lines of one second).
         */
        private void sessionEnded(Fact f, SmtpDisconnect x, String qid) {
            if (partsWithData.contains(f.part())) {
                return;
            }
            rows.abandoned();
            EventData.Builder data = EventDetails.base(x.meta(), qid);
            EventDetails.putClient(data, x.client());
            String counters = effects.sessionCommands(x);
            EventDetails.put(data, "commands", counters);
            event(f, EventType.FAIL, x.meta().program(), EventDetails.sessionEnded(x, counters), null, data);
        }

        /**
         * The correlator marks a trace once log time passed its retry window without an accepted
         * retry: temporarily refused recipients still Pending then failed.
         */
        private void giveUpWaitingForRetry() {
            if (!trace.retryGaveUp || temporaryRefusal == null || trace.retryUntil == null
                    || !rows.giveUpTemporaryRefusals()) {
                return;
            }
            SmtpDecision d = temporaryRefusal;
            Draft draft = new Draft();
            draft.date = trace.retryUntil;
            draft.type = EventType.FAIL;
            draft.action = d.meta().program();
            draft.detail = EventDetails.retryWindowPassed(d, java.time.Duration.between(d.meta().time(), trace.retryUntil));
            draft.data = EventDetails.base(d.meta(), d.queueId() == null ? null : d.queueId().value());
            EventDetails.putClient(draft.data, d.client());
            insertByDate(draft);
        }

        /**
         * Whether this Subject line names the message itself rather than one nested in it: cleanup
         * logs the message's own headers first, then (nested_header_checks) those of a returned or
         * attached message, so a queue file's first Subject is its own. "First" is arrival order
         * within a queue file (one cleanup process writes them in order; replay order sorts lines of
         * the same second by text); across the trace's queue files the root's wins, else the earliest.
         */
        private boolean isOwnSubject(Fact f) {
            if (subjectFact == null) {
                return true;
            }
            if (f.part().equals(subjectFact.part())) {
                return f.seq() < subjectFact.seq();
            }
            return f.part().equals(trace.rootKey) && !subjectFact.part().equals(trace.rootKey);
        }

        private static boolean mentionsSpam(String text) {
            return text != null && text.toLowerCase(Locale.ROOT).contains("spam");
        }

        private void delivery(Fact f, DeliveryAttempt d, Part p) {
            String rowAddress = resolve(p, d);
            if (rowAddress == null) {
                return;
            }
            String member = d.recipient() == null ? rowAddress : d.recipient();
            Instant time = d.meta().time();
            RecipientRows.Row row;
            if (member.equalsIgnoreCase(rowAddress)) {
                row = rows.ownOrMember(rowAddress);
            } else {
                if (rows.addMember(rowAddress, member, time) == 1) {
                    EventData.Builder data = EventDetails.base(d.meta(), p.queueId);
                    EventDetails.put(data, "to", member);
                    String lead = "resolved".equalsIgnoreCase(d.status()) ? "Resolved to " : "Redirected to ";
                    event(f, EventType.REDIRECT, d.meta().program(), lead + member + ".", rowAddress, data);
                }
                row = rows.member(member);
            }
            String program = d.meta().program();
            EventData.Builder data = EventDetails.deliveryData(d, p.queueId);
            if (d.outcome() == DeliveryOutcome.REROUTED) {
                return; // the member's row is made above; the expansion or redirect entry is written at the end
            }
            row.attempted = true;
            switch (d.outcome()) {
                case SENT -> sent(f, d, p, row, rowAddress, data);
                case DEFERRED -> {
                    row.status = DeliveryStatus.Pending;
                    event(f, EventType.DEFER, program, EventDetails.delivery(d, "Delivery deferred, will retry,"),
                            rowAddress, data);
                }
                case BOUNCED, UNDELIVERABLE -> {
                    row.status = DeliveryStatus.Failed;
                    event(f, EventType.FAIL, program,
                            EventDetails.delivery(d, "Delivery failed (" + d.status().toLowerCase(Locale.ROOT) + ")"),
                            rowAddress, data);
                }
                case EXPIRED -> {
                    row.status = DeliveryStatus.Failed;
                    event(f, EventType.EXPIRE, program, EventDetails.delivery(d, "Gave up, queue lifetime expired,"),
                            rowAddress, data);
                }
                case DISCARDED -> {
                    if (!row.filterVerdict) {
                        row.status = DeliveryStatus.Dropped;
                    }
                    event(f, EventType.DROP, program, EventDetails.delivery(d, "Discarded without a notification"),
                            rowAddress, data);
                }
                case REROUTED -> { }
                case DELIVERABLE, OTHER -> event(f, EventType.POLICY, program,
                        EventDetails.delivery(d, "Address check (" + d.status() + ")"), rowAddress, data);
            }
        }

        private void sent(Fact f, DeliveryAttempt d, Part p, RecipientRows.Row row, String rowAddress,
                          EventData.Builder data) {
            String program = d.meta().program();
            String reply = d.reply() == null ? "" : d.reply().toLowerCase(Locale.ROOT);
            if (isHop(p, d)) {
                boolean filter = d.relayPeer() != null && Cidr.isLoopback(d.relayPeer().ip());
                String lead = filter ? "Handed to the content filter"
                        : d.relayPeer() == null && d.queuedAs() != null && d.relay() == null
                        ? "Moved to a separate copy " + d.queuedAs() + " (bifurcation)"
                        : "Relayed to a host we also read";
                event(f, EventType.TRANSFER, program, EventDetails.delivery(d, lead), rowAddress, data);
            } else if (d.forwardedAs() != null && forwards.containsKey(p.key + "|" + d.forwardedAs().value())) {
                event(f, EventType.REDIRECT, program, EventDetails.delivery(d,
                        "Forwarded as new message " + d.forwardedAs()), rowAddress, data);
            } else if (effects.deliveryAgents().get(program) == RowEffects.Delivery.DISCARD || reply.contains("discarded")) {
                if (!row.filterVerdict) {
                    row.status = DeliveryStatus.Dropped;
                }
                event(f, EventType.DROP, program, EventDetails.delivery(d, "Discarded"), rowAddress, data);
            } else {
                row.status = DeliveryStatus.Delivered;
                // Delivered here (a mailbox, a command) or handed to the next hop.
                boolean mailbox = effects.deliveryAgents().get(program) != null;
                if (d.relayPeer() != null && d.relayPeer().ip() != null) {
                    row.toIp = d.relayPeer().ip();
                }
                event(f, mailbox ? EventType.DELIVER : EventType.SEND, program, EventDetails.delivery(d,
                        mailbox ? "Delivered to the mailbox" : "Accepted by the next hop"), rowAddress, data);
            }
        }

        private void verdict(Fact f, FilterVerdict v, String qid) {
            List<RecipientRows.Row> targets = new ArrayList<>();
            for (String r : v.recipients()) {
                String row = routing.getOrDefault(RecipientRows.key(r), r);
                targets.add(row.equalsIgnoreCase(r) ? rows.top(r) : member(row, r));
            }
            if (targets.isEmpty()) {
                targets.addAll(rows.all());
            }
            String detail = EventDetails.verdict(v);
            EventData.Builder data = EventDetails.verdictData(v, qid);
            String action = v.meta().program();
            if (!"blocked".equalsIgnoreCase(v.verdict())) {
                // Exchange's AGENTINFO is "Checked": an agent's remark, which says nothing of passing.
                String lead = "checked".equalsIgnoreCase(v.verdict()) ? "Checked by the content filter: "
                        : "Passed the content filter: ";
                event(f, EventType.POLICY, action, lead + v.category() + ". " + detail, null, data);
                return;
            }
            Set<String> flags = new LinkedHashSet<>();
            for (String flag : v.flags()) {
                flags.add(flag.toLowerCase(Locale.ROOT));
            }
            boolean quarantined = flags.stream().anyMatch(x -> x.contains("quarantin"));
            boolean refused = flags.stream().anyMatch(x -> x.contains("bounced") || x.contains("rejected"));
            String category = v.category() == null ? "" : v.category().toUpperCase(Locale.ROOT);
            DeliveryStatus status;
            EventType type;
            if (category.startsWith("SPAM")) {
                status = DeliveryStatus.FilteredAsSpam;
                type = EventType.SPAM;
            } else {
                status = quarantined ? DeliveryStatus.Quarantined : refused ? DeliveryStatus.Failed : DeliveryStatus.Dropped;
                type = category.startsWith("INFECTED") ? EventType.MALWARE : EventType.POLICY;
            }
            for (RecipientRows.Row r : targets) {
                r.status = status;
                r.filterVerdict = true;
            }
            if (targets.isEmpty()) {
                rows.setWhole(status);
            }
            event(f, type, action, detail, null, data);
            if (quarantined && type != EventType.POLICY) {
                event(f, EventType.QUARANTINE, action, "Quarantined by the content filter.", null, data);
            }
        }

        /**
         * Exchange's POISONMESSAGE row is logged when the message is put in the poison message queue
         * and again when it is taken out (resumed or removed by an administrator): the rows of one
         * part alternate. Taken out, the rows wait for what follows (a delivery, or nothing).
         */
        private void poison(Fact f, String host, String program, EventData.Builder data) {
            if (poisoned.add(f.part())) {
                rows.applyToAll(DeliveryStatus.Quarantined, null, true);
                event(f, EventType.QUARANTINE, program, "Put in the poison message queue on " + host
                        + ": handling it made the transport service fail; an administrator may resume or remove it.",
                        null, data);
                return;
            }
            poisoned.remove(f.part());
            for (RecipientRows.Row r : rows.all()) {
                if (r.status == DeliveryStatus.Quarantined) {
                    r.status = r.attempted ? DeliveryStatus.Pending : DeliveryStatus.GettingStatus;
                }
            }
            event(f, EventType.RELEASE, program, "Taken out of the poison message queue on " + host
                    + " (resumed or removed by an administrator).", null, data);
        }

        private RecipientRows.Row member(String row, String member) {
            rows.addMember(row, member, trace.lastSeen);
            return rows.member(member);
        }

        private void admin(Fact f, QueueAdminAction a, String qid) {
            EventData.Builder data = EventDetails.base(a.meta(), qid);
            String host = a.meta().host();
            String program = a.meta().program();
            RowEffects.QueueHandling handling = effects.queueHandling().get(program);
            boolean byAdministrator = handling == RowEffects.QueueHandling.ADMINISTRATOR;
            if (handling == RowEffects.QueueHandling.POISON_QUEUE && a.action() == QueueAction.HOLD) {
                poison(f, host, program, data);
                return;
            }
            switch (a.action()) {
                case HOLD -> {
                    rows.applyToAll(DeliveryStatus.Quarantined, null, true);
                    event(f, EventType.QUARANTINE, program, byAdministrator
                            ? "Placed on hold by an administrator on " + host + "."
                            : EventDetails.queueState("Frozen", a, qid), null, data);
                }
                case RELEASE -> {
                    for (RecipientRows.Row r : rows.all()) {
                        if (r.status == DeliveryStatus.Quarantined) {
                            r.status = r.attempted ? DeliveryStatus.Pending : DeliveryStatus.GettingStatus;
                        }
                    }
                    if (rows.all().isEmpty()) {
                        rows.setWhole(DeliveryStatus.GettingStatus);
                    }
                    event(f, EventType.RELEASE, program, byAdministrator
                            ? "Released from hold by an administrator on " + host + "."
                            : EventDetails.queueState("Unfrozen", a, qid), null, data);
                }
                case DELETE -> {
                    rows.dropQuarantined();
                    rows.applyToAll(DeliveryStatus.Dropped, null, true);
                    event(f, EventType.DROP, program, byAdministrator
                            ? "Deleted from the queue by an administrator on " + host + "."
                            : EventDetails.queueState("Removed from the queue", a, qid), null, data);
                }
                case CANCEL -> {
                    // Exim's -Mg and timeout_frozen_after: the recipients not yet delivered fail, a bounce follows.
                    rows.applyToAll(DeliveryStatus.Failed, null, true);
                    event(f, EventType.FAIL, program, EventDetails.queueState("Cancelled", a, qid), null, data);
                }
                case REQUEUE -> event(f, EventType.POLICY, program,
                        "Queue action '" + a.action().word() + "' by an administrator on " + host + ".", null, data);
            }
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }
    }
}
