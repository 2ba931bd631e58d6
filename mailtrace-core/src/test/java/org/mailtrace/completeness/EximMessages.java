package org.mailtrace.completeness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small reader of raw Exim main-log lines (its own files or through syslog), written
 * apart from the product's parser: per message ID, the names the log states (the envelope sender of
 * {@code <=}, the addresses of {@code => -> ** == *>} lines and their parents, the client IP of
 * {@code H=... [ip]}, the Message-ID of {@code id=}), for the search-completeness check.
 *
 * <p>One rule of correlation only: a message whose ID another message's delivery reply names
 * ({@code C="250 OK id=..."}) is a later hop of that one, so its (internal) client IP is not a name
 * its mail goes by.
 */
public final class EximMessages {
    private static final Pattern LINE = Pattern.compile(
            "(?:^|\\sexim4?\\[\\d+\\]: )\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?: [+-]\\d{4})?(?: \\[\\d+(?:/\\d+)?\\])?"
                    + " ([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (<=|=>|->|>>|\\*\\*|==|\\*>|Completed)(.*)$");
    private static final Pattern CLIENT_IP = Pattern.compile(" H=(?:\\S+ )?(?:\\([^)]*\\) )?\\[([0-9A-Fa-f.:]+)\\]");
    private static final Pattern MESSAGE_ID = Pattern.compile(" id=(\\S+)");
    private static final Pattern NEXT_HOP_ID = Pattern.compile("\\bid=([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})\\b");
    private static final Pattern FIELD = Pattern.compile(" [A-Z][A-Za-z]*=");

    private EximMessages() {
    }

    private static String firstToken(String s) {
        String t = s.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /** The messages of one log, in order of first line; {@code name} prefixes each entry's {@code where}. */
    public static List<LoggedEntry> read(String name, List<String> lines) {
        Map<String, LoggedEntry> byId = new LinkedHashMap<>();
        List<LoggedEntry> all = new ArrayList<>();
        Set<String> nextHops = new HashSet<>();
        int n = 0;
        for (String line : lines) {
            n++;
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String id = m.group(1);
            String flag = m.group(2);
            String rest = m.group(3);
            LoggedEntry e = byId.get(id);
            if (e == null || flag.equals("<=") && e.removed) {
                e = new LoggedEntry(name + ":" + n, "localhost", id);
                byId.put(id, e);
                all.add(e);
            }
            if (flag.equals("Completed")) {
                e.removed = true;
                continue;
            }
            // The addresses come before the first field (R=, T=, H=...) or the reason (": ..."): the
            // one delivered to first, then intermediate parents in parentheses (+all_parents: not
            // asked, the rows do not carry them), then the original address in angle brackets.
            Matcher field = FIELD.matcher(rest);
            String addresses = field.find() ? rest.substring(0, field.start()) : rest;
            int colon = addresses.indexOf(": ");
            addresses = colon < 0 ? addresses : addresses.substring(0, colon);
            if (flag.equals("<=")) {
                String sender = firstToken(addresses);
                if (sender.contains("@")) {
                    e.senders.add(sender);
                }
                Matcher ip = CLIENT_IP.matcher(rest);
                if (ip.find()) {
                    e.clientIp = ip.group(1);
                }
                Matcher mid = MESSAGE_ID.matcher(rest);
                if (mid.find()) {
                    e.messageIds.add(mid.group(1).replaceAll("^<|>$", ""));
                }
                continue;
            }
            e.outcome = true;
            String delivered = firstToken(addresses).replaceFirst(":$", "");
            int open = addresses.lastIndexOf(" <");
            int close = addresses.lastIndexOf('>');
            String original = open >= 0 && close > open && addresses.substring(open + 2, close).contains("@")
                    ? addresses.substring(open + 2, close) : null;
            if (original != null) {
                e.recipients.add(original);
            }
            boolean autoreply = delivered.startsWith(">");
            if (autoreply) {
                delivered = delivered.substring(1); // an autoreply's row is its original's, when there is one
            }
            if (delivered.contains("@") && !delivered.startsWith("|") && !delivered.startsWith("/")
                    && !(autoreply && original != null)) {
                e.recipients.add(delivered);
            }
            Matcher hop = NEXT_HOP_ID.matcher(rest);
            while (hop.find()) {
                nextHops.add(hop.group(1));
            }
        }
        for (LoggedEntry e : all) {
            if (nextHops.contains(e.queueId)) {
                e.laterHop = true;
            }
        }
        return all;
    }
}
