package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.QueueEntry;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpdDecision;

/** The trace-wide fields: they come from the root part (the first host that accepted the message). */
record TraceHeader(Instant received, String sender, String messageId, String fromIp, Long size,
                      List<String> hosts, List<String> queueIds, boolean fromUs) {

    static TraceHeader of(TraceState t, List<Fact> facts, Directions directions) {
        Part root = t.root();
        Instant received = null;
        String sender = null;
        String childSender = null;
        String messageId = null;
        String resentId = null;
        String fromIp = null;
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
                if (isRoot && sender == null) {
                    sender = q.sender();
                } else if (childSender == null) {
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
                if (sender == null && l.sender() != null) {
                    sender = l.sender();
                }
            } else if (e instanceof QueuedFromClient q && isRoot) {
                if (q.client() != null && q.client().ip() != null) {
                    fromIp = q.client().ip();
                    if (Cidr.isLoopback(fromIp) && q.origClient() != null && q.origClient().ip() != null) {
                        fromIp = q.origClient().ip();
                    }
                }
                if (q.saslUsername() != null) {
                    sasl = q.saslUsername();
                }
            } else if (e instanceof SmtpdDecision d && isRoot) {
                if (fromIp == null && d.client() != null) {
                    fromIp = d.client().ip();
                }
                if (sender == null && d.envelope() != null && d.envelope().from() != null && p.queueId == null) {
                    sender = d.envelope().from();
                }
            } else if (e instanceof MessageIdSeen m && m.messageId() != null) {
                if (!m.resent() && messageId == null) {
                    messageId = m.messageId();
                } else if (m.resent() && resentId == null) {
                    resentId = m.messageId();
                }
            }
        }
        if (root != null && root.messageId != null) {
            messageId = root.messageId;
        }
        if (sender == null) {
            sender = firstEnvelopeSender(facts);
        }
        if (sender == null) {
            sender = childSender;
        }
        boolean us = local || sasl != null || fromIp != null && directions.isTrusted(fromIp);
        return new TraceHeader(received != null ? received : facts.isEmpty() ? t.lastSeen : facts.get(0).event().meta().time(),
                sender, messageId != null ? messageId : resentId, fromIp, size != null ? size : childSize,
                new ArrayList<>(hosts), new ArrayList<>(queueIds), us);
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
