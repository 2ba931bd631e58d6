package org.mailtrace.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.query.TraceDetail;

/** A trace detail for a person: header facts, one line per recipient, then the timeline with time between events. */
final class DetailText {
    private DetailText() {
    }

    static void write(PrintWriter out, TraceDetail d, ZoneId zone) {
        String zoneName = zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
        out.println("Message trace " + d.messageTraceId());
        field(out, "Received", Times.show(d.received(), zone) + " " + zoneName);
        field(out, "Sender", d.senderAddress() == null ? "(not in the log)"
                : d.senderAddress().isEmpty() ? "<> (null sender: a notification)" : d.senderAddress());
        field(out, "Subject", d.subject());
        field(out, "Message-ID", d.messageId());
        field(out, "From IP", d.fromIp());
        field(out, "Size", d.size() == null ? null : d.size() + " bytes");
        field(out, "Hosts", String.join(", ", d.hosts()));
        field(out, "Queue IDs", String.join(", ", d.queueIds()));
        out.println();
        out.println("Recipients:");
        for (RecipientOutcome r : d.recipients()) {
            out.println("  " + (r.recipientAddress().isEmpty() ? "(none known)" : r.recipientAddress())
                    + (r.finalRecipients().isEmpty() ? "" : " -> " + String.join(" -> ", r.finalRecipients()))
                    + "  " + r.status()
                    + (r.direction() == null ? "" : "  " + r.direction())
                    + (r.toIp() == null ? "" : "  to " + r.toIp())
                    + (r.expandedFrom() == null ? "" : "  (member of " + r.expandedFrom() + ")"));
        }
        out.println();
        out.println("Events (" + zoneName + "):");
        Instant previous = null;
        for (TraceEvent e : d.events()) {
            String gap = previous == null ? "" : " (+" + human(Duration.between(previous, e.date())) + ")";
            previous = e.date();
            out.println("  " + Times.show(e.date(), zone) + gap + "  " + e.event()
                    + (e.action() == null ? "" : " [" + e.action() + "]")
                    + (e.recipientAddress() == null ? "" : " " + e.recipientAddress()));
            if (e.detail() != null) {
                out.println("      " + e.detail());
            }
            if (!e.data().isEmpty()) {
                StringBuilder sb = new StringBuilder("      ");
                for (Map.Entry<String, String> kv : e.data().entrySet()) {
                    sb.append(kv.getKey()).append('=').append(kv.getValue()).append(' ');
                }
                out.println(sb.toString().stripTrailing());
            }
        }
        if (!d.related().isEmpty()) {
            out.println();
            out.println("Related traces:");
            for (RelatedTrace r : d.related()) {
                out.println("  " + r.messageTraceId() + "  " + r.relation());
            }
        }
    }

    private static void field(PrintWriter out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.printf("  %-11s %s%n", name + ":", value);
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        if (s < 86400) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
        }
        return s / 86400 + "d" + (s % 86400 / 3600 == 0 ? "" : " " + s % 86400 / 3600 + "h");
    }
}
