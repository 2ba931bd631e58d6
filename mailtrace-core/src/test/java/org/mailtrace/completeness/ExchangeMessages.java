package org.mailtrace.completeness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small reader of Exchange message tracking rows, written apart from the product's
 * parser: per server and {@code internal-message-id}, the names the rows state (the envelope sender
 * of {@code return-path}, the recipients of delivery rows and the addresses they were resolved,
 * redirected or expanded from, the client IP of an SMTP RECEIVE, the Message-ID), for the
 * search-completeness check. A RECEIVE from one of the servers whose logs are read is a later hop:
 * its client IP is internal, not a name its mail goes by.
 */
public final class ExchangeMessages {
    private static final Set<String> OUTCOMES = Set.of("DELIVER", "SEND", "SENDEXTERNAL", "FAIL", "DEFER", "DROP");
    private static final Set<String> ROUTING = Set.of("RESOLVE", "REDIRECT", "EXPAND");

    private ExchangeMessages() {
    }

    /** The messages of one log (several files one after the other, each with its header). */
    public static List<LoggedEntry> read(String name, List<String> lines) {
        Map<String, LoggedEntry> byKey = new LinkedHashMap<>();
        Map<LoggedEntry, String> receivedFrom = new HashMap<>();
        Set<String> servers = new HashSet<>();
        List<String> fields = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            if (line.startsWith("#Fields:")) {
                fields = new ArrayList<>();
                for (String f : line.substring(8).split(",")) {
                    fields.add(f.strip().toLowerCase(Locale.ROOT));
                }
                continue;
            }
            if (fields == null || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> values = csv(line);
            if (values == null || values.size() != fields.size()) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i), values.get(i).strip());
            }
            String event = row.getOrDefault("event-id", "").toUpperCase(Locale.ROOT);
            String id = row.getOrDefault("internal-message-id", "");
            String server = row.getOrDefault("server-hostname", "").toLowerCase(Locale.ROOT);
            if (event.startsWith("HA") || event.equals("NOTIFYMAPI") || id.isEmpty()) {
                continue;
            }
            if (event.equals("SEND")) {
                servers.add(row.getOrDefault("client-hostname", "").toLowerCase(Locale.ROOT));
            } else {
                servers.add(server);
            }
            String key = row.getOrDefault("network-message-id", "") + "|" + id;
            LoggedEntry e = byKey.computeIfAbsent(key, k -> new LoggedEntry(name + ":" + (byKey.size() + 1), server, id));
            String rp = row.getOrDefault("return-path", "");
            if (rp.contains("@")) {
                e.senders.add(rp);
            }
            String mid = row.getOrDefault("message-id", "");
            if (!mid.isEmpty()) {
                e.messageIds.add(mid.replaceAll("^<|>$", ""));
            }
            if (event.equals("RECEIVE") && "SMTP".equalsIgnoreCase(row.get("source"))) {
                e.clientIp = row.get("client-ip");
                receivedFrom.put(e, row.getOrDefault("client-hostname", "").toLowerCase(Locale.ROOT));
            }
            if (OUTCOMES.contains(event)) {
                e.outcome = true;
                for (String r : row.getOrDefault("recipient-address", "").split(";")) {
                    if (r.contains("@")) {
                        e.recipients.add(r.strip());
                    }
                }
            }
            if (ROUTING.contains(event)) {
                String related = row.getOrDefault("related-recipient-address", "");
                if (related.contains("@")) {
                    e.recipients.add(related);
                }
            }
        }
        for (Map.Entry<LoggedEntry, String> r : receivedFrom.entrySet()) {
            if (servers.contains(r.getValue())) {
                r.getKey().laterHop = true;
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** RFC 4180 fields of one line, or null when a quote is left open (a row this reader skips). */
    private static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(f.toString());
        return out;
    }
}
