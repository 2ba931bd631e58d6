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
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MailEventVisitor;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;

/**
 * The trace-wide fields: they come from the root part (the first host that accepted the message),
 * falling back to later parts where the root does not say (a before-queue proxy's queue file names
 * the original client; a later hop may carry the Message-ID the first one lacked). Every other
 * sender and Message-ID the parts state is kept as an alternate, so a search by it finds the trace.
 */
record TraceHeader(Instant received, String sender, String messageId, String fromIp, Long size,
                   List<String> hosts, List<String> queueIds, boolean fromUs,
                   List<String> alternateSenders, List<String> alternateMessageIds) {

    static TraceHeader of(TraceState t, List<Fact> facts, Directions directions) {
        Part root = t.root();
        Scan scan = new Scan(root != null && root.notification);
        Map<String, Part> parts = new HashMap<>();
        for (Part p : t.parts) {
            parts.put(p.key, p);
        }
        for (Fact f : facts) {
            MailEvent e = f.event();
            Part p = parts.get(f.part());
            scan.part = p;
            scan.isRoot = p != null && p.key.equals(t.rootKey);
            scan.hosts.add(e.meta().host());
            if (p != null && p.queueId != null) {
                scan.queueIds.add(p.queueId);
            }
            if (scan.isRoot && scan.received == null) {
                scan.received = e.meta().time();
            }
            e.accept(scan);
        }
        String messageId = scan.messageId;
        if (root != null && root.messageId != null && !root.messageId.isBlank()) {
            messageId = root.messageId;
        }
        if (messageId == null) {
            messageId = scan.resentId;
        }
        String fromIp = scan.fromIp;
        if (fromIp == null && !scan.local) {
            // Behind a before-queue proxy the root is the smtpd session that never got a queue ID; the
            // queue file the proxy handed on names the client it came from.
            fromIp = scan.origClientIp;
        }
        String sender = scan.queuedSender != null ? scan.queuedSender
                : scan.pickupSender != null ? scan.pickupSender : scan.decisionSender;
        if (sender == null) {
            sender = firstEnvelopeSender(facts);
        }
        if (sender == null) {
            sender = scan.childSender;
        }
        boolean us = scan.declaredUs != null ? scan.declaredUs
                : scan.local || scan.sasl != null || fromIp != null && directions.isTrusted(fromIp);
        Instant received = scan.received != null ? scan.received
                : facts.isEmpty() ? t.lastSeen : facts.get(0).event().meta().time();
        return new TraceHeader(received, sender, messageId, fromIp, scan.size != null ? scan.size : scan.childSize,
                new ArrayList<>(scan.hosts), new ArrayList<>(scan.queueIds), us, others(scan.senders, sender),
                others(scan.messageIds, messageId));
    }

    /** What the facts, in replay order, say about the trace-wide fields. */
    private static final class Scan implements MailEventVisitor<Void> {
        /** The part of the fact being read, and whether it is the root. */
        Part part;
        boolean isRoot;
        Instant received;
        String queuedSender;
        String pickupSender;
        String decisionSender;
        String childSender;
        final LinkedHashSet<String> senders = new LinkedHashSet<>();
        String messageId;
        String resentId;
        final LinkedHashSet<String> messageIds = new LinkedHashSet<>();
        String fromIp;
        String origClientIp;
        String sasl;
        /** What the root's log itself says of the direction (Exchange's directionality), or null. */
        Boolean declaredUs;
        boolean local;
        Long size;
        Long childSize;
        final LinkedHashSet<String> hosts = new LinkedHashSet<>();
        final LinkedHashSet<String> queueIds = new LinkedHashSet<>();

        Scan(boolean local) {
            this.local = local;
        }

        @Override
        public Void visit(EnvelopeSeen q) {
            if (q.sender() == null) {
                return null;
            }
            senders.add(q.sender());
            if (isRoot && queuedSender == null) {
                queuedSender = q.sender();
            } else if (!isRoot && childSender == null) {
                childSender = q.sender();
            }
            if (q.size() >= 0) {
                if (isRoot && size == null) {
                    size = q.size();
                } else if (childSize == null) {
                    childSize = q.size();
                }
            }
            return null;
        }

        @Override
        public Void visit(LocalSubmission l) {
            if (!isRoot) {
                return null;
            }
            local = true;
            if (l.sender() != null) {
                senders.add(l.sender());
                if (pickupSender == null) {
                    pickupSender = l.sender();
                }
            }
            return null;
        }

        @Override
        public Void visit(QueuedFromClient q) {
            if (isRoot && q.client() != null && q.client().ip() != null) {
                fromIp = q.client().ip();
                if (Cidr.isLoopback(fromIp) && q.origClient() != null && q.origClient().ip() != null) {
                    fromIp = q.origClient().ip();
                }
            }
            if (q.origClient() != null && q.origClient().ip() != null && origClientIp == null) {
                origClientIp = q.origClient().ip();
            }
            if (isRoot && q.saslUsername() != null) {
                sasl = q.saslUsername();
            }
            if (isRoot && declaredUs == null) {
                declaredUs = q.fromOrganization();
            }
            return null;
        }

        @Override
        public Void visit(SmtpDecision d) {
            if (!isRoot) {
                return null;
            }
            if (fromIp == null && d.client() != null) {
                fromIp = d.client().ip();
            }
            if (decisionSender == null && d.envelope() != null && d.envelope().from() != null
                    && part.queueId == null) {
                decisionSender = d.envelope().from();
            }
            return null;
        }

        @Override
        public Void visit(MessageIdSeen m) {
            if (m.messageId() == null || m.messageId().isBlank()) {
                return null;
            }
            if (!m.resent()) {
                messageIds.add(m.messageId());
                if (messageId == null) {
                    messageId = m.messageId();
                }
            } else if (resentId == null) {
                resentId = m.messageId();
            }
            return null;
        }

        // The other lines name no trace-wide field (the envelope senders of decisions and expiries
        // are read by firstEnvelopeSender, only when nothing better names the sender).

        @Override
        public Void visit(SmtpConnect e) {
            return null;
        }

        @Override
        public Void visit(SmtpDisconnect e) {
            return null;
        }

        @Override
        public Void visit(ContentDecision e) {
            return null;
        }

        @Override
        public Void visit(QueueRemoved e) {
            return null;
        }

        @Override
        public Void visit(QueueExpired e) {
            return null;
        }

        @Override
        public Void visit(DeliveryAttempt e) {
            return null;
        }

        @Override
        public Void visit(DeliveryNote e) {
            return null;
        }

        @Override
        public Void visit(NotificationQueued e) {
            return null;
        }

        @Override
        public Void visit(QueueAdminAction e) {
            return null;
        }

        @Override
        public Void visit(FilterVerdict e) {
            return null;
        }
    }

    /** The distinct non-empty values other than {@code chosen}, case-insensitively, in order of appearance. */
    private static List<String> others(Set<String> values, String chosen) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(chosen == null ? "" : chosen.toLowerCase(Locale.ROOT));
        for (String v : values) {
            if (!v.isEmpty() && seen.add(v.toLowerCase(Locale.ROOT))) {
                out.add(v);
            }
        }
        return out;
    }

    private static String firstEnvelopeSender(List<Fact> facts) {
        for (Fact f : facts) {
            String from = f.event().accept(ENVELOPE_SENDER);
            if (from != null) {
                return from;
            }
        }
        return null;
    }

    /** The sender a line's envelope names, for a trace whose queue never said: refusals, content decisions, expiries. */
    private static final MailEventVisitor<String> ENVELOPE_SENDER = new MailEventVisitor<>() {
        @Override
        public String visit(SmtpDecision d) {
            return d.envelope() == null ? null : d.envelope().from();
        }

        @Override
        public String visit(ContentDecision c) {
            return c.envelope() == null ? null : c.envelope().from();
        }

        @Override
        public String visit(QueueExpired x) {
            return x.sender();
        }

        @Override
        public String visit(SmtpConnect e) {
            return null;
        }

        @Override
        public String visit(SmtpDisconnect e) {
            return null;
        }

        @Override
        public String visit(QueuedFromClient e) {
            return null;
        }

        @Override
        public String visit(MessageIdSeen e) {
            return null;
        }

        @Override
        public String visit(LocalSubmission e) {
            return null;
        }

        @Override
        public String visit(EnvelopeSeen e) {
            return null;
        }

        @Override
        public String visit(QueueRemoved e) {
            return null;
        }

        @Override
        public String visit(DeliveryAttempt e) {
            return null;
        }

        @Override
        public String visit(DeliveryNote e) {
            return null;
        }

        @Override
        public String visit(NotificationQueued e) {
            return null;
        }

        @Override
        public String visit(QueueAdminAction e) {
            return null;
        }

        @Override
        public String visit(FilterVerdict e) {
            return null;
        }
    };
}
