package org.mailtrace.completeness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small reader of raw Postfix log lines, written apart from the product's parser: it
 * derives, per queue entry, the names the log itself states (envelope senders, recipients, client
 * IP, Message-ID), so a search-completeness check does not trust the code it checks.
 *
 * <p>Only plain regular expressions over the text after {@code postfix[-x]/program[pid]:}; no
 * correlation beyond one rule: an entry named in another entry's {@code queued as} reply, or
 * re-received over loopback with a Message-ID an earlier entry on the host already had, is a later
 * hop of that message, so its (internal) client IP is not a name the message goes by.
 */
public final class PostfixQueueEntries {
    private static final Pattern LINE = Pattern.compile(
            "(\\S+) (postfix[\\w.-]*)/([\\w/.-]+)\\[\\d+\\]: ([0-9A-F]{5,15}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,20}): (.*)$");
    private static final Pattern FROM = Pattern.compile("(?:^|[ ,])from=<([^>]*)>");
    private static final Pattern TO = Pattern.compile("(?:^|[ ,])to=<([^>]*)>");
    private static final Pattern ORIG_TO = Pattern.compile("(?:^|[ ,])orig_to=<([^>]*)>");
    private static final Pattern STATUS = Pattern.compile("(?:^|[ ,])status=(\\w+)");
    private static final Pattern CLIENT = Pattern.compile("^client=[^\\[\\s]*\\[([^\\]]+)\\]");
    private static final Pattern ORIG_CLIENT = Pattern.compile("orig_client=[^\\[\\s]*\\[([^\\]]+)\\]");
    private static final Pattern MESSAGE_ID = Pattern.compile("^message-id=<?([^<>\\s]+)>?\\s*$");
    private static final Pattern QUEUED_AS = Pattern.compile("queued as ([0-9A-Za-z]{5,20})");
    private static final Set<String> FINAL = Set.of("sent", "deferred", "bounced", "expired");

    private PostfixQueueEntries() {
    }

    /** The entries of one log, in order of first line; {@code name} prefixes each entry's {@code where}. */
    public static List<LoggedEntry> read(String name, List<String> lines) {
        Map<String, LoggedEntry> current = new LinkedHashMap<>();
        List<LoggedEntry> all = new ArrayList<>();
        Set<String> queuedAs = new HashSet<>();
        Map<String, Set<String>> messageIdsByHost = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines) {
            n++;
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String host = m.group(1);
            String program = m.group(3);
            program = program.substring(program.lastIndexOf('/') + 1);
            String qid = m.group(4);
            String text = m.group(5);
            String key = host + "|" + m.group(2) + "|" + qid;
            LoggedEntry e = current.get(key);
            boolean starts = program.equals("pickup") || program.equals("smtpd") && text.startsWith("client=");
            if (e == null || starts && (e.removed || e.clientIp != null || !e.senders.isEmpty() && program.equals("pickup"))) {
                e = new LoggedEntry(name + ":" + n, host, qid);
                current.put(key, e);
                all.add(e);
            }
            if (text.equals("removed")) {
                e.removed = true;
                continue;
            }
            Matcher q = QUEUED_AS.matcher(text);
            while (q.find()) {
                queuedAs.add(q.group(1));
            }
            switch (program) {
                case "qmgr", "pickup" -> {
                    Matcher f = FROM.matcher(text);
                    if (f.find() && !f.group(1).isEmpty()) {
                        e.senders.add(f.group(1));
                    }
                    if (program.equals("qmgr") && text.contains("status=expired")) {
                        e.outcome = true;
                    }
                }
                case "smtpd" -> {
                    Matcher c = CLIENT.matcher(text);
                    if (c.find()) {
                        e.clientIp = c.group(1);
                        Matcher o = ORIG_CLIENT.matcher(text);
                        if (o.find() && !o.group(1).equalsIgnoreCase("unknown")) {
                            e.origClientIp = o.group(1);
                        }
                    }
                }
                case "cleanup" -> {
                    Matcher id = MESSAGE_ID.matcher(text);
                    if (id.find()) {
                        e.messageIds.add(id.group(1));
                        Set<String> seen = messageIdsByHost.computeIfAbsent(host, h -> new HashSet<>());
                        if (!seen.add(id.group(1)) && e.clientIp != null && isLoopback(e.clientIp)) {
                            e.laterHop = true;
                        }
                    }
                }
                default -> {
                    Matcher s = STATUS.matcher(text);
                    if (s.find() && FINAL.contains(s.group(1))) {
                        e.outcome = true;
                        Matcher to = TO.matcher(text);
                        if (to.find() && !to.group(1).isEmpty()) {
                            e.recipients.add(to.group(1));
                        }
                        Matcher orig = ORIG_TO.matcher(text);
                        if (orig.find() && !orig.group(1).isEmpty()) {
                            e.recipients.add(orig.group(1));
                        }
                    }
                }
            }
        }
        for (LoggedEntry e : all) {
            if (queuedAs.contains(e.queueId)) {
                e.laterHop = true;
            }
        }
        return all;
    }

    private static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1");
    }
}
