package org.mailtrace.correlate;

import java.time.Instant;
import java.util.List;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.postfix.PostfixRules;

/**
 * Terse construction of the events the Postfix format would produce, for one host and instance.
 * Times are seconds after {@link #T0}. Each event gets a distinct log message so that only truly
 * repeated lines look duplicated.
 */
final class Events {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** These events are Postfix's lines: they join by Postfix's rules. */
    static final CorrelationRules POSTFIX = new PostfixRules();

    final String host;
    final String instance;

    Events(String host, String instance) {
        this.host = host;
        this.instance = instance;
    }

    static Events mx1() {
        return new Events("mx1", "postfix");
    }

    LineMeta meta(long sec, String program, long pid, String message) {
        return new LineMeta(T0.plusSeconds(sec), host, instance, program, pid, "test.log", message);
    }

    static Peer peer(String ip) {
        return new Peer(ip.startsWith("127.") ? "localhost" : "client.example", ip, null);
    }

    SmtpConnect connect(long sec, long pid, String ip) {
        return new SmtpConnect(meta(sec, "smtpd", pid, "connect from " + ip), peer(ip));
    }

    SmtpDisconnect disconnect(long sec, long pid, String ip) {
        return new SmtpDisconnect(meta(sec, "smtpd", pid, "disconnect from " + ip), peer(ip));
    }

    QueuedFromClient client(long sec, long pid, String qid, String ip) {
        return client(sec, pid, qid, ip, null);
    }

    QueuedFromClient client(long sec, long pid, String qid, String ip, String sasl) {
        return new QueuedFromClient(meta(sec, "smtpd", pid, qid + ": client=" + ip + " sasl=" + sasl),
                new QueueId(qid), peer(ip), sasl == null ? null : "PLAIN", sasl, null);
    }

    LocalSubmission pickup(long sec, String qid, String sender) {
        return new LocalSubmission(meta(sec, "pickup", 50, qid + ": uid=1000 from=<" + sender + ">"),
                new QueueId(qid), "1000", sender);
    }

    SmtpDecision noqueue(long sec, long pid, String stage, String ip, int code, String dsn, String text,
                          String from, String to) {
        return decision(sec, pid, null, "reject", stage, ip, code, dsn, text, from, to);
    }

    SmtpDecision decision(long sec, long pid, String qid, String action, String stage, String ip, int code,
                           String dsn, String text, String from, String to) {
        String msg = (qid == null ? "NOQUEUE" : qid) + ": " + action + ": " + stage + " from " + ip + ": " + code
                + " " + dsn + " " + text + "; from=<" + from + "> to=<" + to + ">";
        return new SmtpDecision(meta(sec, "smtpd", pid, msg), qid == null ? null : new QueueId(qid), action, stage,
                peer(ip), new SmtpReply(code, dsn, text), new Envelope(from, to, "ESMTP", "client.example"), null);
    }

    SmtpDecision postscreen(long sec, String ip, String text) {
        return new SmtpDecision(meta(sec, "postscreen", 30, "NOQUEUE: reject: RCPT from " + ip + ": " + text),
                null, "reject", "RCPT", peer(ip), new SmtpReply(550, "5.7.1", text),
                new Envelope("spammer@bad.example", "bob@example.org", "ESMTP", "bad"), null);
    }

    /** postscreen's temporary refusal after its after-220 tests: {@code 450 4.3.2 Service currently unavailable}. */
    SmtpDecision postscreen450(long sec, String ip, String to) {
        return new SmtpDecision(meta(sec, "postscreen", 31, "NOQUEUE: reject: RCPT from [" + ip + "]:4000: 450 4.3.2 "
                + "Service currently unavailable; to=" + to), null, "reject", "RCPT", new Peer(null, ip, 4000),
                new SmtpReply(450, "4.3.2", "Service currently unavailable"),
                new Envelope("sender@remote.example", to, "ESMTP", "remote.example"), null);
    }

    MessageIdSeen msgid(long sec, String qid, String id) {
        return new MessageIdSeen(meta(sec, "cleanup", 40, qid + ": message-id=" + id), new QueueId(qid), id, false);
    }

    EnvelopeSeen qmgr(long sec, String qid, String from, long size) {
        return new EnvelopeSeen(meta(sec, "qmgr", 10, qid + ": from=<" + from + ">, size=" + size),
                new QueueId(qid), from, size, 1);
    }

    QueueRemoved removed(long sec, String qid) {
        return new QueueRemoved(meta(sec, "qmgr", 10, qid + ": removed"), new QueueId(qid));
    }

    QueueExpired expired(long sec, String qid, String from) {
        return new QueueExpired(meta(sec, "qmgr", 10, qid + ": from=<" + from + ">, status=expired"),
                new QueueId(qid), from, "returned to sender");
    }

    NotificationQueued notice(long sec, String qid, String kind, String newQid) {
        return new NotificationQueued(meta(sec, "bounce", 60, qid + ": " + kind + " notification: " + newQid),
                new QueueId(qid), kind, new QueueId(newQid));
    }

    QueueAdminAction admin(long sec, String qid, String action) {
        return new QueueAdminAction(meta(sec, "postsuper", 70, qid + ": " + action), new QueueId(qid), QueueAction.of(action));
    }

    ContentDecision content(long sec, String qid, String action, String source, String subject, int code,
                            String text, String to) {
        return new ContentDecision(meta(sec, "cleanup", 40, qid + ": " + action + ": " + source + " " + text),
                new QueueId(qid), action, source, subject, peer("192.0.2.10"),
                text == null ? null : new SmtpReply(code, code >= 500 ? "5.7.1" : null, text),
                new Envelope("alice@remote.example", to, "ESMTP", "client.example"), null);
    }

    FilterVerdict verdict(long sec, String qid, String verdict, String category, List<String> flags,
                          List<String> recipients, String queuedAs) {
        return new FilterVerdict(meta(sec, "amavis", 80, "(1-01) " + verdict + " " + category + " " + qid),
                new QueueId(qid), verdict, category, flags, recipients,
                queuedAs == null ? null : new QueueId(queuedAs), null, "Hits: 12.3");
    }

    Delivery delivery(long sec, String program, String qid) {
        return new Delivery(sec, program, qid);
    }

    /** Fluent builder for a delivery agent line. */
    final class Delivery {
        private final long sec;
        private final String program;
        private final String qid;
        private String to;
        private String origTo;
        private String relay = "none";
        private Peer relayPeer;
        private String dsn = "2.0.0";
        private String status = "sent";
        private String reply = "250 2.0.0 Ok";
        private String queuedAs;
        private String forwardedAs;

        private Delivery(long sec, String program, String qid) {
            this.sec = sec;
            this.program = program;
            this.qid = qid;
        }

        Delivery to(String v) {
            to = v;
            return this;
        }

        Delivery origTo(String v) {
            origTo = v;
            return this;
        }

        Delivery relay(String name, String ip, int port) {
            relay = name + "[" + ip + "]:" + port;
            relayPeer = new Peer(name, ip, port);
            return this;
        }

        Delivery local() {
            relay = "local";
            reply = "delivered to mailbox";
            return this;
        }

        Delivery status(String v, String dsnCode, String replyText) {
            status = v;
            dsn = dsnCode;
            reply = replyText;
            return this;
        }

        Delivery queuedAs(String v) {
            queuedAs = v;
            reply = "250 2.0.0 Ok: queued as " + v;
            return this;
        }

        Delivery forwardedAs(String v) {
            forwardedAs = v;
            reply = "forwarded as " + v;
            return this;
        }

        DeliveryAttempt build() {
            String msg = qid + ": to=<" + to + ">, orig_to=<" + origTo + ">, relay=" + relay + ", dsn=" + dsn
                    + ", status=" + status + " (" + reply + ")";
            return new DeliveryAttempt(meta(sec, program, 100, msg), new QueueId(qid), to, origTo, relay, relayPeer,
                    "0.5", "0.1/0/0.2/0.2", dsn, status, reply, queuedAs == null ? null : new QueueId(queuedAs),
                    forwardedAs == null ? null : new QueueId(forwardedAs));
        }
    }
}
