package org.mailtrace.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A deterministic Postfix log of many messages, in the shapes a real mail server writes: inbound
 * mail delivered locally, outbound mail relayed by smtp, several recipients per message, deferrals
 * retried much later (so messages stay open across commits and rotations), bounces. Lines of
 * different messages interleave in time order, as in a real log.
 *
 * <p>{@link #expected()} records every message's queue ID and each recipient's final status, so tests
 * can check what ingest stored without trusting ingest.
 */
final class SyntheticMailLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private record Pending(LocalDateTime time, long seq, String text) {
    }

    private final Random random;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) ->
            a.time.equals(b.time) ? Long.compare(a.seq, b.seq) : a.time.compareTo(b.time));
    private final Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    private final long maxRetrySeconds;
    private LocalDateTime clock = LocalDateTime.of(2025, 11, 20, 0, 0, 0);
    private long seq;
    private int messages;

    /** @param maxRetrySeconds how long after a deferral the final attempt comes at most */
    SyntheticMailLog(long seed, long maxRetrySeconds) {
        this.random = new Random(seed);
        this.maxRetrySeconds = maxRetrySeconds;
    }

    /** Queue ID -> recipient -> final status (Delivered, Failed), for every message generated so far. */
    Map<String, Map<String, String>> expected() {
        return expected;
    }

    /** Lines of the next message's start, plus every earlier line that is due by then, in time order. */
    List<String> nextLines() {
        clock = clock.plusSeconds(random.nextInt(3));
        addMessage();
        List<String> out = new ArrayList<>();
        while (!pending.isEmpty() && !pending.peek().time.isAfter(clock)) {
            out.add(pending.poll().text);
        }
        return out;
    }

    /** Every line still due (retries, removals): the end of the log. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            out.add(pending.poll().text);
        }
        return out;
    }

    private void addMessage() {
        int n = messages++;
        String qid = String.format(Locale.ROOT, "%011X", 0x3A000000000L + n * 7919L);
        boolean inbound = random.nextInt(3) > 0;
        int rcpts = 1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
        long smtpdPid = 1000 + random.nextInt(500);
        String client = inbound ? "mail" + random.nextInt(50) + ".sender.test" : "localhost";
        String ip = inbound ? "203.0.113." + (1 + random.nextInt(200)) : "127.0.0.1";
        String sender = inbound ? "user" + random.nextInt(1000) + "@sender.test" : "staff" + random.nextInt(20) + "@example.org";
        LocalDateTime t = clock;
        at(t, "postfix/smtpd[" + smtpdPid + "]: connect from " + client + "[" + ip + "]");
        at(t, "postfix/smtpd[" + smtpdPid + "]: " + qid + ": client=" + client + "[" + ip + "]");
        at(t, "postfix/cleanup[" + (2000 + random.nextInt(100)) + "]: " + qid + ": message-id=<m" + n + "." + seq + "@" + (inbound ? "sender.test" : "example.org") + ">");
        at(t, "postfix/qmgr[999]: " + qid + ": from=<" + sender + ">, size=" + (800 + random.nextInt(90000)) + ", nrcpt=" + rcpts + " (queue active)");
        at(t, "postfix/smtpd[" + smtpdPid + "]: disconnect from " + client + "[" + ip + "] ehlo=1 mail=1 rcpt=" + rcpts + " data=1 quit=1 commands=" + (4 + rcpts));
        Map<String, String> outcome = new LinkedHashMap<>();
        LocalDateTime last = t.plusSeconds(1);
        for (int r = 0; r < rcpts; r++) {
            String rcpt = inbound ? "u" + random.nextInt(300) + "x" + r + "@example.org" : "p" + random.nextInt(5000) + "x" + r + "@remote" + random.nextInt(40) + ".test";
            LocalDateTime d = t.plusSeconds(1);
            int fate = random.nextInt(10);
            if (fate == 0) {
                at(d, delivery(qid, rcpt, inbound, "deferred", "4.4.1", "(connect to mx.remote.test[198.51.100.5]:25: Connection timed out)"));
                d = d.plusSeconds(60 + (long) (random.nextDouble() * maxRetrySeconds));
            }
            if (fate == 1) {
                at(d, delivery(qid, rcpt, inbound, "bounced", "5.1.1", "(host mx.remote.test[198.51.100.5] said: 550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown (in reply to RCPT TO command))"));
                outcome.put(rcpt, "Failed");
            } else {
                at(d, delivery(qid, rcpt, inbound, "sent", "2.0.0", inbound ? "(delivered to mailbox)" : "(250 2.0.0 Ok: queued as " + Long.toHexString(seq) + ")"));
                outcome.put(rcpt, "Delivered");
            }
            if (d.isAfter(last)) {
                last = d;
            }
        }
        at(last, "postfix/qmgr[999]: " + qid + ": removed");
        expected.put(qid, outcome);
    }

    private static String delivery(String qid, String rcpt, boolean inbound, String status, String dsn, String text) {
        String relay = inbound ? "postfix/local[3001]: " + qid + ": to=<" + rcpt + ">, relay=local"
                : "postfix/smtp[3002]: " + qid + ": to=<" + rcpt + ">, relay=mx.remote.test[198.51.100.5]:25";
        return relay + ", delay=1.2, delays=0.1/0/0.5/0.6, dsn=" + dsn + ", status=" + status + " " + text;
    }

    private void at(LocalDateTime time, String message) {
        pending.add(new Pending(time, seq++, STAMP.format(time) + " mx1 " + message));
    }
}
