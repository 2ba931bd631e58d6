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
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.QueueEntry;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpdDecision;

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
        Instant received = null;
        String queuedSender = null;
        String pickupSender = null;
        String decisionSender = null;
        String childSender = null;
        LinkedHashSet<String> senders = new LinkedHashSet<>();
        String messageId = null;
        String resentId = null;
        LinkedHashSet<String> messageIds = new LinkedHashSet<>();
        String fromIp = null;
        String origClientIp = null;
        String sasl = null;
        boolean local = root != null && root.notification;
        Long size = null;
        Long childSize = null;
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        LinkedHashSet<String> queueIds = new LinkedHashSet<>();
        Map<String, Part> parts = new HashMap<>();
        for (Part p : t.parts) {
            parts.put(p.key, p);
        }
        for (Fact f : facts) {
            MailEvent e = f.event();
            Part p = parts.get(f.part());
            boolean isRoot = p != null && p.key.equals(t.rootKey);
            hosts.add(e.meta().host());
            if (p != null && p.queueId != null) {
                queueIds.add(p.queueId);
            }
            if (isRoot && received == null) {
                received = e.meta().time();
            }
            if (e instanceof QueueEntry q && q.sender() != null) {
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
            } else if (e instanceof LocalSubmission l && isRoot) {
                local = true;
                if (l.sender() != null) {
                    senders.add(l.sender());
                    if (pickupSender == null) {
                        pickupSender = l.sender();
                    }
                }
            } else if (e instanceof QueuedFromClient q) {
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
            } else if (e instanceof SmtpdDecision d && isRoot) {
                if (fromIp == null && d.client() != null) {
                    fromIp = d.client().ip();
                }
                if (decisionSender == null && d.envelope() != null && d.envelope().from() != null && p.queueId == null) {
                    decisionSender = d.envelope().from();
                }
            } else if (e instanceof MessageIdSeen m && m.messageId() != null && !m.messageId().isBlank()) {
                if (!m.resent()) {
                    messageIds.add(m.messageId());
                    if (messageId == null) {
                        messageId = m.messageId();
                    }
                } else if (resentId == null) {
                    resentId = m.messageId();
                }
            }
        }
        if (root != null && root.messageId != null && !root.messageId.isBlank()) {
            messageId = root.messageId;
        }
        if (messageId == null) {
            messageId = resentId;
        }
        if (fromIp == null && !local) {
            // Behind a before-queue proxy the root is the smtpd session that never got a queue ID; the
            // queue file the proxy handed on names the client it came from.
            fromIp = origClientIp;
        }
        String sender = queuedSender != null ? queuedSender : pickupSender != null ? pickupSender : decisionSender;
        if (sender == null) {
            sender = firstEnvelopeSender(facts);
        }
        if (sender == null) {
            sender = childSender;
        }
        boolean us = local || sasl != null || fromIp != null && directions.isTrusted(fromIp);
        return new TraceHeader(received != null ? received : facts.isEmpty() ? t.lastSeen : facts.get(0).event().meta().time(),
                sender, messageId, fromIp, size != null ? size : childSize,
                new ArrayList<>(hosts), new ArrayList<>(queueIds), us, others(senders, sender), others(messageIds, messageId));
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
            if (f.event() instanceof SmtpdDecision d && d.envelope() != null && d.envelope().from() != null) {
                return d.envelope().from();
            }
            if (f.event() instanceof ContentDecision c && c.envelope() != null && c.envelope().from() != null) {
                return c.envelope().from();
            }
            if (f.event() instanceof QueueExpired x && x.sender() != null) {
                return x.sender();
            }
        }
        return null;
    }
}
