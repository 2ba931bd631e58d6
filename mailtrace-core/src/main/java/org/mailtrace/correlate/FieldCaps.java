package org.mailtrace.correlate;

import java.util.ArrayList;
import java.util.List;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MailEventVisitor;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;

/**
 * Cuts every text of an event to {@link CorrelationSettings#maxFieldChars()} before the correlator
 * keeps it as a fact, whatever format parsed the line: a syslog sender is not authenticated and can
 * send a 60 KB subject for every new queue ID. A cut text keeps its start and ends with
 * {@code " [...cut by mailtrace: N characters in the log]"}, so the event, the detail and the
 * searchable subject say so. The result is never longer than the cap, so cutting again (a restored
 * snapshot) changes nothing. An event with nothing too long is returned as it is (no copy).
 */
final class FieldCaps implements MailEventVisitor<MailEvent> {
    /** How a cut text ends, before the original length. */
    static final String MARKER_START = " [...cut by mailtrace: ";
    private static final String MARKER_END = " characters in the log]";

    private final int max;
    private boolean changed;

    private FieldCaps(int max) {
        this.max = max;
    }

    /** {@code e} with every text at most {@code maxChars} long; {@code e} itself when nothing was too long. */
    static MailEvent cap(MailEvent e, int maxChars) {
        FieldCaps c = new FieldCaps(maxChars);
        MailEvent out = c.rebuild(e);
        return c.changed ? out : e;
    }

    /**
     * The characters of the texts an event keeps (its line, and what can be long of the texts parsed
     * from it: subjects, replies, details, addresses, HELO names), without copying anything: the
     * estimate of what a fact costs ({@link CorrelationState#factBytes}).
     */
    static long chars(MailEvent e) {
        return len(e.meta() == null ? null : e.meta().message()) + e.accept(CHARS);
    }

    /** The characters of the texts parsed from a line, by event type. */
    private static final MailEventVisitor<Long> CHARS = new MailEventVisitor<>() {
        @Override
        public Long visit(SmtpConnect x) {
            return 0L;
        }

        @Override
        public Long visit(SmtpDisconnect x) {
            return 0L;
        }

        @Override
        public Long visit(QueuedFromClient x) {
            return 0L;
        }

        @Override
        public Long visit(SmtpDecision x) {
            return len(x.reply()) + len(x.envelope()) + len(x.argument());
        }

        @Override
        public Long visit(MessageIdSeen x) {
            return len(x.messageId());
        }

        @Override
        public Long visit(ContentDecision x) {
            return len(x.source()) + len(x.subject()) + len(x.reply()) + len(x.envelope()) + len(x.argument());
        }

        @Override
        public Long visit(LocalSubmission x) {
            return len(x.sender());
        }

        @Override
        public Long visit(EnvelopeSeen x) {
            long n = 0;
            n += len(x.sender()) + len(x.subject());
            if (x.recipients() != null) {
                for (String r : x.recipients()) {
                    n += len(r);
                }
            }
            return n;
        }

        @Override
        public Long visit(QueueRemoved x) {
            return 0L;
        }

        @Override
        public Long visit(QueueExpired x) {
            return len(x.sender()) + len(x.text());
        }

        @Override
        public Long visit(DeliveryAttempt x) {
            return len(x.recipient()) + len(x.origRecipient()) + len(x.relay()) + len(x.reply());
        }

        @Override
        public Long visit(DeliveryNote x) {
            return len(x.text());
        }

        @Override
        public Long visit(NotificationQueued x) {
            return 0L;
        }

        @Override
        public Long visit(QueueAdminAction x) {
            return 0L;
        }

        @Override
        public Long visit(FilterVerdict x) {
            long n = 0;
            n += len(x.detail()) + len(x.messageId());
            for (String r : x.recipients()) {
                n += len(r);
            }
            return n;
        }
    };

    private static long len(String s) {
        return s == null ? 0 : s.length();
    }

    private static long len(SmtpReply r) {
        return r == null ? 0 : len(r.text());
    }

    private static long len(Envelope v) {
        return v == null ? 0 : len(v.from()) + len(v.to()) + len(v.helo());
    }

    /** The text cut to {@code maxChars} with the marker, or the text itself when it fits. */
    static String cut(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return s;
        }
        String marker = MARKER_START + s.length() + MARKER_END;
        int keep = Math.max(0, maxChars - marker.length());
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--; // never split a surrogate pair
        }
        return s.substring(0, keep) + marker;
    }

    private String c(String s) {
        String out = cut(s, max);
        if (out != s) {
            changed = true;
        }
        return out;
    }

    private LineMeta c(LineMeta m) {
        if (m == null) {
            return null;
        }
        String host = c(m.host());
        String instance = c(m.instance());
        String program = c(m.program());
        String source = c(m.source());
        String message = c(m.message());
        if (host == m.host() && instance == m.instance() && program == m.program() && source == m.source()
                && message == m.message()) {
            return m;
        }
        return new LineMeta(m.time(), host, instance, program, m.pid(), source, message);
    }

    private Peer c(Peer p) {
        if (p == null) {
            return null;
        }
        String name = c(p.name());
        String ip = c(p.ip());
        return name == p.name() && ip == p.ip() ? p : new Peer(name, ip, p.port());
    }

    private SmtpReply c(SmtpReply r) {
        if (r == null) {
            return null;
        }
        String dsn = c(r.dsn());
        String text = c(r.text());
        return dsn == r.dsn() && text == r.text() ? r : new SmtpReply(r.code(), dsn, text);
    }

    private Envelope c(Envelope v) {
        if (v == null) {
            return null;
        }
        String from = c(v.from());
        String to = c(v.to());
        String proto = c(v.proto());
        String helo = c(v.helo());
        return from == v.from() && to == v.to() && proto == v.proto() && helo == v.helo() ? v
                : new Envelope(from, to, proto, helo);
    }

    private List<String> c(List<String> list) {
        List<String> out = new ArrayList<>(list.size());
        for (String s : list) {
            out.add(c(s));
        }
        return out;
    }

    /** A copy with every text cut (queue IDs are validated by their parsers and short). */
    private MailEvent rebuild(MailEvent e) {
        return e.accept(this);
    }

    @Override
    public MailEvent visit(SmtpConnect x) {
        return new SmtpConnect(c(x.meta()), c(x.client()));
    }

    @Override
    public MailEvent visit(SmtpDisconnect x) {
        return new SmtpDisconnect(c(x.meta()), c(x.client()));
    }

    @Override
    public MailEvent visit(QueuedFromClient x) {
        return new QueuedFromClient(c(x.meta()), x.queueId(), c(x.client()), c(x.saslMethod()),
                c(x.saslUsername()), c(x.origClient()), c(x.helo()), x.fromOrganization());
    }

    @Override
    public MailEvent visit(SmtpDecision x) {
        return new SmtpDecision(c(x.meta()), x.queueId(), c(x.action()), c(x.stage()), c(x.client()),
                c(x.reply()), c(x.envelope()), c(x.argument()));
    }

    @Override
    public MailEvent visit(MessageIdSeen x) {
        return new MessageIdSeen(c(x.meta()), x.queueId(), c(x.messageId()), x.resent());
    }

    @Override
    public MailEvent visit(ContentDecision x) {
        return new ContentDecision(c(x.meta()), x.queueId(), c(x.action()), c(x.source()), c(x.subject()),
                c(x.client()), c(x.reply()), c(x.envelope()), c(x.argument()));
    }

    @Override
    public MailEvent visit(LocalSubmission x) {
        return new LocalSubmission(c(x.meta()), x.queueId(), c(x.uid()), c(x.sender()));
    }

    @Override
    public MailEvent visit(EnvelopeSeen x) {
        return new EnvelopeSeen(c(x.meta()), x.queueId(), c(x.sender()), x.size(), x.nrcpt(), c(x.subject()),
                x.recipients() == null ? null : c(x.recipients()));
    }

    @Override
    public MailEvent visit(QueueRemoved x) {
        return new QueueRemoved(c(x.meta()), x.queueId());
    }

    @Override
    public MailEvent visit(QueueExpired x) {
        return new QueueExpired(c(x.meta()), x.queueId(), c(x.sender()), c(x.text()));
    }

    @Override
    public MailEvent visit(DeliveryAttempt x) {
        return new DeliveryAttempt(c(x.meta()), x.queueId(), c(x.recipient()), c(x.origRecipient()), c(x.relay()),
                c(x.relayPeer()), c(x.delay()), c(x.delays()), c(x.dsn()), c(x.status()), c(x.reply()),
                x.queuedAs(), x.forwardedAs());
    }

    @Override
    public MailEvent visit(DeliveryNote x) {
        return new DeliveryNote(c(x.meta()), x.queueId(), c(x.text()));
    }

    @Override
    public MailEvent visit(NotificationQueued x) {
        return new NotificationQueued(c(x.meta()), x.queueId(), c(x.kind()), x.notificationId());
    }

    @Override
    public MailEvent visit(QueueAdminAction x) {
        return new QueueAdminAction(c(x.meta()), x.queueId(), x.action());
    }

    @Override
    public MailEvent visit(FilterVerdict x) {
        return new FilterVerdict(c(x.meta()), x.queueId(), c(x.verdict()), c(x.category()), c(x.flags()),
                c(x.recipients()), x.queuedAs(), c(x.messageId()), c(x.detail()));
    }
}
