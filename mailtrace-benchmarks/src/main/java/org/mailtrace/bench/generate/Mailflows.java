package org.mailtrace.bench.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The scenarios of one message, written as the lines Postfix, amavis and Dovecot's LMTP peer make it
 * log (shapes from Postfix 3.x and amavisd-new 2.x output, see docs/formats/postfix.md):
 * inbound through amavis and LMTP (clean, spam, mailbox full with an NDR), outbound from the
 * submission host (sent, deferred then sent, bounced with an NDR), internal, and RCPT rejects.
 */
final class Mailflows {
    private final SplittableRandom r;
    private final Cluster cluster;
    private final TimedLines out;
    private final Map<String, Long> byKind = new TreeMap<>();
    private long serial;
    long notifications;
    long recipients;

    /** Percent of messages relayed from the submission host to an MX ({@link #relayed}); 0 draws nothing for it. */
    private final int relayedPercent;

    Mailflows(SplittableRandom random, Cluster cluster, TimedLines out, int relayedPercent) {
        this.r = random;
        this.cluster = cluster;
        this.out = out;
        this.relayedPercent = relayedPercent;
    }

    Map<String, Long> byKind() {
        return byKind;
    }

    /** Writes one message starting at {@code t} (epoch ms); the mix is about 70% inbound. */
    void message(long t) {
        serial++;
        if (relayedPercent > 0 && r.nextInt(100) < relayedPercent) {
            relayed(t);
            return;
        }
        int dice = r.nextInt(100);
        if (dice < 65) {
            inbound(t);
        } else if (dice < 70) {
            rcptReject(t);
        } else if (dice < 95) {
            outbound(t);
        } else {
            internal(t);
        }
    }

    private void inbound(long t) {
        String mx = cluster.mx();
        String sender = Population.remoteAddress(r);
        String senderDomain = sender.substring(sender.indexOf('@') + 1);
        String client = Population.mailHostOf(senderDomain);
        String ip = Population.ipOf(client);
        List<String> rcpts = recipients(true);
        int kind = r.nextInt(100);
        boolean spam = kind < 9;
        String subject = spam ? Population.spamSubject(r, serial) : Population.subject(r, serial);
        String mid = messageId(t, senderDomain);
        long size = 2_000 + r.nextInt(200_000);
        String q1 = cluster.queueId(mx);
        long at = smtpdSession(mx, t, client, ip, null, q1, sender, rcpts, subject, mid, size);
        int amavisPid = cluster.pid();
        String amavisId = "(" + String.format("%05d", amavisPid % 100_000) + "-" + String.format("%02d", 1 + r.nextInt(20)) + ")";
        at += 300 + r.nextInt(1500);
        String smtpPid = "postfix/smtp[" + cluster.pid() + "]";
        String rcptList = "<" + String.join(">,<", rcpts) + ">";
        if (spam) {
            count("inbound-spam");
            out.add(at, mx, "amavis[" + amavisPid + "]", amavisId + " Blocked SPAM {DiscardedInbound,Quarantined}, ["
                    + ip + "]:" + port() + " [" + ip + "] <" + sender + "> -> " + rcptList + ", quarantine: spam-"
                    + cluster.token(12) + ".gz, Queue-ID: " + q1 + ", Message-ID: " + mid + ", mail_id: "
                    + cluster.token(12) + ", Hits: " + (8 + r.nextInt(20)) + "." + r.nextInt(10) + ", size: " + size
                    + ", " + (400 + r.nextInt(3000)) + " ms");
            for (String rcpt : rcpts) {
                out.add(++at, mx, smtpPid, q1 + ": to=<" + rcpt + ">, relay=" + Cluster.AMAVIS + ", delay=1.9, "
                        + "delays=0.1/0/0/1.8, dsn=2.7.0, status=sent (250 2.7.0 Ok, discarded, id=" + amavisId.substring(1, amavisId.length() - 1)
                        + " - spam)");
            }
            out.add(++at, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q1 + ": removed");
            return;
        }
        String q2 = cluster.queueId(mx);
        int reinject = cluster.pid();
        String local = "localhost[127.0.0.1]";
        out.add(at, mx, "postfix/smtpd[" + reinject + "]", "connect from " + local);
        out.add(at + 2, mx, "postfix/smtpd[" + reinject + "]", q2 + ": client=" + local);
        out.add(at + 4, mx, "postfix/cleanup[" + cluster.pid() + "]", q2 + ": message-id=" + mid);
        out.add(at + 6, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q2 + ": from=<" + sender + ">, size=" + (size + 900)
                + ", nrcpt=" + rcpts.size() + " (queue active)");
        out.add(at + 8, mx, "postfix/smtpd[" + reinject + "]", "disconnect from " + local + " ehlo=1 mail=1 rcpt="
                + rcpts.size() + " data=1 quit=1 commands=" + (rcpts.size() + 4));
        at += 10;
        out.add(at, mx, "amavis[" + amavisPid + "]", amavisId + " Passed CLEAN {RelayedInbound}, [" + ip + "]:" + port()
                + " [" + ip + "] <" + sender + "> -> " + rcptList + ", Queue-ID: " + q1 + ", Message-ID: " + mid
                + ", mail_id: " + cluster.token(12) + ", Hits: -" + r.nextInt(3) + "." + r.nextInt(10) + ", size: "
                + size + ", queued_as: " + q2 + ", " + (300 + r.nextInt(1500)) + " ms");
        for (String rcpt : rcpts) {
            out.add(++at, mx, smtpPid, q1 + ": to=<" + rcpt + ">, relay=" + Cluster.AMAVIS + ", delay=1.2, "
                    + "delays=0.1/0/0.01/1.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): "
                    + "250 2.0.0 Ok: queued as " + q2 + ")");
        }
        out.add(++at, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q1 + ": removed");
        at += 20 + r.nextInt(300);
        boolean full = kind >= 97;
        count(full ? "inbound-mailbox-full" : "inbound-clean");
        String lmtp = "postfix/lmtp[" + cluster.pid() + "]";
        for (int i = 0; i < rcpts.size(); i++) {
            String rcpt = rcpts.get(i);
            if (full && i == 0) {
                out.add(++at, mx, lmtp, q2 + ": to=<" + rcpt + ">, relay=" + Cluster.MAILSTORE + ", delay=0.08, "
                        + "delays=0.01/0/0.02/0.05, dsn=5.2.2, status=bounced (host store1.example.org[10.0.2.10] said: "
                        + "552 5.2.2 <" + rcpt + "> Quota exceeded (mailbox for user is full) (in reply to end of DATA command))");
                at = notification(mx, at, q2, sender, false);
            } else {
                out.add(++at, mx, lmtp, q2 + ": to=<" + rcpt + ">, relay=" + Cluster.MAILSTORE + ", delay=0.06, "
                        + "delays=0.01/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <" + rcpt + "> "
                        + cluster.token(22) + " Saved)");
            }
        }
        out.add(++at, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q2 + ": removed");
    }

    private void outbound(long t) {
        String sender = Population.hostedUser(r);
        List<String> rcpts = recipients(false);
        String host = Cluster.SUBMISSION;
        String client = r.nextBoolean() ? "webmail.example.org" : "unknown";
        String ip = client.equals("unknown") ? "198.51.100." + (1 + r.nextInt(254)) : "10.0.3.5";
        String q = cluster.queueId(host);
        String mid = messageId(t, sender.substring(sender.indexOf('@') + 1));
        long size = 1_500 + r.nextInt(400_000);
        long at = smtpdSession(host, t, client, ip, sender, q, sender, rcpts, Population.subject(r, serial), mid, size);
        int fate = r.nextInt(100);
        String kind = fate < 86 ? "outbound-sent" : fate < 97 ? "outbound-deferred" : "outbound-bounced";
        count(kind);
        String smtp = "postfix/smtp[" + cluster.pid() + "]";
        at += 200 + r.nextInt(800);
        for (int i = 0; i < rcpts.size(); i++) {
            String rcpt = rcpts.get(i);
            String domain = rcpt.substring(rcpt.indexOf('@') + 1);
            String mxName = Population.mailHostOf(domain);
            String relay = mxName + "[" + Population.ipOf(mxName) + "]:25";
            if (i == 0 && kind.equals("outbound-bounced")) {
                out.add(++at, host, smtp, q + ": to=<" + rcpt + ">, relay=" + relay + ", delay=0.9, delays=0.1/0/0.4/0.4, "
                        + "dsn=5.1.1, status=bounced (host " + mxName + "[" + Population.ipOf(mxName) + "] said: 550 5.1.1 <"
                        + rcpt + ">: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))");
                at = notification(host, at, q, sender, true);
            } else if (i == 0 && kind.equals("outbound-deferred")) {
                at = deferredThenSent(host, at, q, sender, rcpt, relay, mxName, size);
            } else {
                out.add(++at, host, smtp, q + ": to=<" + rcpt + ">, relay=" + relay + ", delay=0.7, delays=0.1/0/0.3/0.3, "
                        + "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + cluster.token(10) + ")");
            }
        }
        out.add(++at, host, "postfix/qmgr[" + qmgrPid(host) + "]", q + ": removed");
    }

    private long deferredThenSent(String host, long at, String q, String sender, String rcpt, String relay,
                                  String mxName, long size) {
        String smtp = "postfix/smtp[" + cluster.pid() + "]";
        int attempts = 1 + r.nextInt(2);
        for (int a = 0; a < attempts; a++) {
            if (r.nextBoolean()) {
                out.add(++at, host, smtp, q + ": to=<" + rcpt + ">, relay=" + relay + ", delay=1.1, delays=0.1/0/0.5/0.5, "
                        + "dsn=4.7.1, status=deferred (host " + mxName + "[" + Population.ipOf(mxName) + "] said: 451 4.7.1 <"
                        + rcpt + ">: Recipient address rejected: Greylisted, try again later (in reply to RCPT TO command))");
            } else {
                out.add(++at, host, smtp, q + ": to=<" + rcpt + ">, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, "
                        + "status=deferred (connect to " + mxName + "[" + Population.ipOf(mxName) + "]:25: Connection timed out)");
            }
            at += 300_000 + r.nextInt(1_500_000);
            out.add(at, host, "postfix/qmgr[" + qmgrPid(host) + "]", q + ": from=<" + sender + ">, size=" + size
                    + ", nrcpt=1 (queue active)");
        }
        out.add(at + 600, host, smtp, q + ": to=<" + rcpt + ">, relay=" + relay + ", delay=" + (at / 1000 % 3000)
                + ", delays=3000/0.1/0.3/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + cluster.token(10) + ")");
        return at + 601;
    }

    /** The bounce daemon's NDR to {@code sender}: a new queue file delivered by LMTP (ours) or SMTP (theirs). */
    private long notification(String host, long at, String q, String sender, boolean senderIsOurs) {
        notifications++;
        recipients++;
        String ndr = cluster.queueId(host);
        out.add(++at, host, "postfix/cleanup[" + cluster.pid() + "]", ndr + ": message-id=<" + (at / 1000) + "." + ndr
                + "@" + host + ".example.org>");
        out.add(++at, host, "postfix/bounce[" + cluster.pid() + "]", q + ": sender non-delivery notification: " + ndr);
        out.add(++at, host, "postfix/qmgr[" + qmgrPid(host) + "]", ndr + ": from=<>, size=" + (3000 + r.nextInt(4000))
                + ", nrcpt=1 (queue active)");
        at += 50 + r.nextInt(500);
        if (senderIsOurs) {
            out.add(at, host, "postfix/lmtp[" + cluster.pid() + "]", ndr + ": to=<" + sender + ">, relay=" + Cluster.MAILSTORE
                    + ", delay=0.05, delays=0/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <" + sender + "> "
                    + cluster.token(22) + " Saved)");
        } else {
            String mxName = Population.mailHostOf(sender.substring(sender.indexOf('@') + 1));
            out.add(at, host, "postfix/smtp[" + cluster.pid() + "]", ndr + ": to=<" + sender + ">, relay=" + mxName + "["
                    + Population.ipOf(mxName) + "]:25, delay=0.6, delays=0/0/0.3/0.3, dsn=2.0.0, status=sent "
                    + "(250 2.0.0 Ok: queued as " + cluster.token(10) + ")");
        }
        out.add(++at, host, "postfix/qmgr[" + qmgrPid(host) + "]", ndr + ": removed");
        return at;
    }

    private void internal(long t) {
        count("internal");
        String host = Cluster.SUBMISSION;
        String sender = Population.hostedUser(r);
        List<String> rcpts = new ArrayList<>();
        int n = 1 + (r.nextInt(100) < 30 ? r.nextInt(4) : 0);
        for (int i = 0; i < n; i++) {
            rcpts.add(Population.hostedUser(r));
        }
        recipients += rcpts.size();
        String q = cluster.queueId(host);
        long at = smtpdSession(host, t, "webmail.example.org", "10.0.3.5", sender, q, sender, rcpts,
                Population.subject(r, serial), messageId(t, sender.substring(sender.indexOf('@') + 1)), 1_000 + r.nextInt(50_000));
        String lmtp = "postfix/lmtp[" + cluster.pid() + "]";
        at += 50 + r.nextInt(200);
        for (String rcpt : rcpts) {
            out.add(++at, host, lmtp, q + ": to=<" + rcpt + ">, relay=" + Cluster.MAILSTORE + ", delay=0.1, "
                    + "delays=0.05/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <" + rcpt + "> " + cluster.token(22) + " Saved)");
        }
        out.add(++at, host, "postfix/qmgr[" + qmgrPid(host) + "]", q + ": removed");
    }

    /**
     * Internal mail that crosses hosts: the submission host accepts it from webmail and relays it by
     * SMTP to an MX ({@code 250 2.0.0 Ok: queued as Q2}), where a new queue file delivers it by LMTP.
     * Read by one process per host, its two halves meet only through the store.
     */
    private void relayed(long t) {
        count("relayed");
        String host = Cluster.SUBMISSION;
        String sender = Population.hostedUser(r);
        List<String> rcpts = new ArrayList<>();
        int n = 1 + (r.nextInt(100) < 30 ? r.nextInt(3) : 0);
        for (int i = 0; i < n; i++) {
            String a = Population.hostedUser(r);
            if (!rcpts.contains(a)) {
                rcpts.add(a);
            }
        }
        recipients += rcpts.size();
        String q = cluster.queueId(host);
        String mid = messageId(t, sender.substring(sender.indexOf('@') + 1));
        long size = 1_000 + r.nextInt(80_000);
        long at = smtpdSession(host, t, "webmail.example.org", "10.0.3.5", sender, q, sender, rcpts,
                Population.subject(r, serial), mid, size);
        String mx = cluster.mx();
        String mxPeer = mx + ".example.org[" + Cluster.ipOf(mx) + "]";
        String submitPeer = Cluster.SUBMISSION + ".example.org[" + Cluster.ipOf(Cluster.SUBMISSION) + "]";
        String q2 = cluster.queueId(mx);
        String smtpd = "postfix/smtpd[" + cluster.pid() + "]";
        at += 50 + r.nextInt(300);
        out.add(at, mx, smtpd, "connect from " + submitPeer);
        out.add(at + 3, mx, smtpd, q2 + ": client=" + submitPeer);
        out.add(at + 5, mx, "postfix/cleanup[" + cluster.pid() + "]", q2 + ": message-id=" + mid);
        out.add(at + 7, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q2 + ": from=<" + sender + ">, size=" + (size + 600)
                + ", nrcpt=" + rcpts.size() + " (queue active)");
        out.add(at + 9, mx, smtpd, "disconnect from " + submitPeer + " ehlo=1 mail=1 rcpt=" + rcpts.size()
                + " data=1 quit=1 commands=" + (rcpts.size() + 4));
        at += 10;
        String smtp = "postfix/smtp[" + cluster.pid() + "]";
        for (String rcpt : rcpts) {
            out.add(++at, host, smtp, q + ": to=<" + rcpt + ">, relay=" + mxPeer + ":25, delay=0.4, "
                    + "delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + q2 + ")");
        }
        out.add(++at, host, "postfix/qmgr[" + qmgrPid(host) + "]", q + ": removed");
        at += 20 + r.nextInt(200);
        String lmtp = "postfix/lmtp[" + cluster.pid() + "]";
        for (String rcpt : rcpts) {
            out.add(++at, mx, lmtp, q2 + ": to=<" + rcpt + ">, relay=" + Cluster.MAILSTORE + ", delay=0.06, "
                    + "delays=0.01/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <" + rcpt + "> "
                    + cluster.token(22) + " Saved)");
        }
        out.add(++at, mx, "postfix/qmgr[" + qmgrPid(mx) + "]", q2 + ": removed");
    }

    /** A session refused at RCPT TO: unknown user or a DNSBL hit; no queue file, one failed row. */
    private void rcptReject(long t) {
        count("rcpt-reject");
        recipients++;
        String mx = cluster.mx();
        String sender = Population.remoteAddress(r);
        String client = Population.mailHostOf(sender.substring(sender.indexOf('@') + 1));
        String ip = Population.ipOf(client);
        String rcpt = Population.hostedUser(r);
        String smtpd = "postfix/smtpd[" + cluster.pid() + "]";
        out.add(t, mx, smtpd, "connect from " + client + "[" + ip + "]");
        String reply = r.nextInt(3) == 0
                ? "554 5.7.1 Service unavailable; Client host [" + ip + "] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/" + ip
                : "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in virtual mailbox table";
        out.add(t + 150, mx, smtpd, "NOQUEUE: reject: RCPT from " + client + "[" + ip + "]: " + reply + "; from=<" + sender
                + "> to=<" + rcpt + "> proto=ESMTP helo=<" + client + ">");
        out.add(t + 300, mx, smtpd, "disconnect from " + client + "[" + ip + "] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
    }

    /** connect, client=, cleanup Subject and Message-ID, qmgr, disconnect; returns the time of the last line. */
    private long smtpdSession(String host, long t, String client, String ip, String saslUser, String q, String sender,
                              List<String> rcpts, String subject, String mid, long size) {
        String smtpd = "postfix/smtpd[" + cluster.pid() + "]";
        String cleanup = "postfix/cleanup[" + cluster.pid() + "]";
        String peer = client + "[" + ip + "]";
        out.add(t, host, smtpd, "connect from " + peer);
        long at = t + 40 + r.nextInt(200);
        if (r.nextInt(100) < 30) {
            out.add(at++, host, smtpd, "Anonymous TLS connection established from " + peer
                    + ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
        }
        out.add(at, host, smtpd, q + ": client=" + peer
                + (saslUser == null ? "" : ", sasl_method=PLAIN, sasl_username=" + saslUser));
        at += 30 + r.nextInt(300);
        out.add(at++, host, cleanup, q + ": info: header Subject: " + subject + " from " + peer + "; from=<" + sender
                + "> to=<" + rcpts.get(0) + "> proto=ESMTP helo=<" + client + ">");
        out.add(at++, host, cleanup, q + ": message-id=" + mid);
        out.add(at += 5, host, "postfix/qmgr[" + qmgrPid(host) + "]", q + ": from=<" + sender + ">, size=" + size + ", nrcpt="
                + rcpts.size() + " (queue active)");
        out.add(at += 20 + r.nextInt(100), host, smtpd, "disconnect from " + peer + " ehlo=1 mail=1 rcpt=" + rcpts.size()
                + " data=1 quit=1 commands=" + (rcpts.size() + 4));
        return at;
    }

    /** 80% one recipient, 14% two or three, 6% four to eight. */
    private List<String> recipients(boolean ours) {
        int dice = r.nextInt(100);
        int n = dice < 80 ? 1 : dice < 94 ? 2 + r.nextInt(2) : 4 + r.nextInt(5);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String a = ours ? Population.hostedUser(r) : Population.remoteAddress(r);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        recipients += out.size();
        return out;
    }

    private String messageId(long t, String domain) {
        return "<" + (t / 1000) + "." + Long.toHexString(serial * 0x9E3779B97F4A7C15L >>> 16) + "@" + domain + ">";
    }

    private int port() {
        return 1024 + r.nextInt(60_000);
    }

    /** qmgr is a long-running daemon: one PID per host. */
    private static int qmgrPid(String host) {
        return 700 + Math.floorMod(host.hashCode(), 200);
    }

    private void count(String kind) {
        byKind.merge(kind, 1L, Long::sum);
    }
}
