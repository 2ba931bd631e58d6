package org.mailtrace.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * The trust invariant of message trace: for every queue entry that was delivered, deferred, bounced
 * or expired, a search by each name its own log lines state (sender, recipient, client IP,
 * Message-ID) finds a row carrying that entry's queue ID. Counts what it asked and found, by kind,
 * and keeps every miss with the entry's first line, for the test output.
 */
public final class SearchCompleteness {
    private final Map<String, int[]> byKind = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();

    /** Asks the store for every name of every entry with an outcome. */
    public void check(TraceStore store, List<LoggedEntry> entries) {
        for (LoggedEntry e : entries) {
            if (!e.hasOutcome()) {
                continue;
            }
            for (String s : e.senders) {
                ask(store, e, "sender", s, b -> b.senders(List.of(s)));
            }
            for (String r : e.recipients) {
                ask(store, e, "recipient", r, b -> b.recipients(List.of(r)));
            }
            String ip = e.clientIp();
            if (ip != null) {
                ask(store, e, "client IP", ip, b -> b.fromIp(ip));
            }
            for (String id : e.messageIds) {
                ask(store, e, "Message-ID", id, b -> b.messageId("<" + id + ">"));
            }
        }
    }

    private void ask(TraceStore store, LoggedEntry e, String kind, String name,
                     Consumer<TraceQuery.Builder> criterion) {
        if (name.contains("*")) {
            return; // a wildcard in the address itself cannot be asked for literally
        }
        int[] counts = byKind.computeIfAbsent(kind, k -> new int[2]);
        counts[0]++;
        TraceQuery.Builder b = TraceQuery.builder();
        criterion.accept(b);
        if (finds(store, b.build(), e.queueId)) {
            counts[1]++;
        } else {
            misses.add(e.where + " " + e.host + "/" + e.queueId + ": no row by " + kind + " " + name);
        }
    }

    private static boolean finds(TraceStore store, TraceQuery q, String queueId) {
        String cursor = null;
        do {
            TracePage page = store.search(q, cursor, 1000);
            for (TraceRow r : page.rows()) {
                if (r.queueIds().contains(queueId)) {
                    return true;
                }
            }
            cursor = page.next();
        } while (cursor != null);
        return false;
    }

    public int asked() {
        return byKind.values().stream().mapToInt(c -> c[0]).sum();
    }

    public int found() {
        return byKind.values().stream().mapToInt(c -> c[1]).sum();
    }

    public List<String> misses() {
        return misses;
    }

    /** "found/asked" overall and per kind, one line. */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(found()).append('/').append(asked()).append(" found");
        byKind.forEach((k, c) -> sb.append("; ").append(k).append(' ').append(c[1]).append('/').append(c[0]));
        return sb.toString();
    }
}
