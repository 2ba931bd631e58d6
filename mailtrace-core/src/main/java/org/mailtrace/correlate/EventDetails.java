package org.mailtrace.correlate;

import java.util.List;
import java.util.Locale;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.explain.SmtpCodes;
import org.mailtrace.model.EventData;

/**
 * The plain words of event details and the raw facts of their data maps. Every detail that carries
 * an SMTP reply or DSN ends with its explanation from {@link SmtpCodes}.
 */
final class EventDetails {
    private EventDetails() {
    }

    /** The facts every event shares: host, queue ID, program, pid. */
    static EventData.Builder base(LineMeta m, String queueId) {
        EventData.Builder data = new EventData.Builder();
        put(data, "host", m.host());
        put(data, "queueId", queueId);
        put(data, "program", m.instance() == null ? m.program() : m.instance() + "/" + m.program());
        if (m.pid() >= 0) {
            data.put("pid", Long.toString(m.pid()));
        }
        return data;
    }

    static void put(EventData.Builder data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value);
        }
    }

    static void putClient(EventData.Builder data, Peer client) {
        if (client != null) {
            put(data, "client", client.toString());
            put(data, "clientIp", client.ip());
        }
    }

    static String receive(QueuedFromClient q, String helo, LinkKind hop) {
        StringBuilder sb = new StringBuilder(192); // sized for a typical detail: growing it was a tenth of trace building's garbage
        String who = q.client() == null ? "an unnamed client" : q.client().toString();
        if (hop == LinkKind.HOP || hop == LinkKind.MESSAGE_ID_HOP || hop == LinkKind.COPY) {
            sb.append(q.client() != null && Cidr.isLoopback(q.client().ip())
                    ? "Reinjected by the content filter into " + q.meta().host() + " from " + who
                    : "Received by " + q.meta().host() + " from the previous hop " + who);
        } else {
            sb.append("Received by ").append(q.meta().host()).append(" (").append(q.meta().program())
                    .append(") from ").append(who);
        }
        if (q.saslUsername() != null) {
            sb.append(", authenticated as ").append(q.saslUsername());
        }
        if (helo != null) {
            sb.append(", HELO ").append(helo);
        }
        if (q.origClient() != null) {
            sb.append(", on behalf of ").append(q.origClient());
        }
        return sb.append("; queue ID ").append(q.queueId()).append('.').toString();
    }

    static String submit(LocalSubmission l) {
        return "Submitted locally on " + l.meta().host() + " (" + l.meta().program() + ")"
                + (l.uid() == null ? "" : " by uid " + l.uid()) + "; queue ID " + l.queueId() + ".";
    }

    /**
     * A queue-state line of an MTA that says why itself (Exim: {@code Frozen (delivery error message)},
     * {@code removed by root}, {@code cancelled by timeout_frozen_after}): the lead and the line's own words.
     */
    static String queueState(String what, QueueAdminAction a, String queueId) {
        String m = a.meta().message() == null ? "" : a.meta().message();
        int at = queueId == null ? -1 : m.indexOf(queueId);
        String why = (at < 0 ? m : m.substring(at + queueId.length())).trim();
        return what + " on " + a.meta().host() + " (" + a.meta().program() + ")" + (why.isEmpty() ? "" : ": " + why) + ".";
    }

    static String smtpd(SmtpDecision d) {
        String action = d.action() == null ? "" : d.action().toLowerCase(Locale.ROOT);
        String where = (d.stage() == null ? "" : " at " + d.stage()) + " by " + d.meta().host()
                + " (" + d.meta().program() + ")";
        String verb = switch (action) {
            case "reject" -> "Refused";
            case "proxy-reject" -> "Refused by the before-queue content filter";
            case "hold" -> "Held for review by an access rule";
            case "discard" -> "Discarded by an access rule";
            case "redirect" -> "Redirected to " + d.argument() + " by an access rule";
            case "filter" -> "Routed to content filter " + d.argument() + " by an access rule";
            case "warn" -> "Warning from an access rule";
            case "proxy-accept" -> "Accepted by the before-queue content filter";
            default -> "Access rule action '" + action + "'";
        };
        StringBuilder sb = new StringBuilder(verb).append(where);
        appendReply(sb, d.reply());
        if (("reject".equals(action) || "proxy-reject".equals(action)) && d.reply() != null
                && d.reply().code() >= 400 && d.reply().code() < 500) {
            sb.append(" (temporary: the client may retry)");
        }
        return sb.toString();
    }

    static EventData.Builder smtpdData(SmtpDecision d, String queueId, String helo) {
        EventData.Builder data = base(d.meta(), queueId);
        putClient(data, d.client());
        put(data, "helo", d.envelope() != null && d.envelope().helo() != null ? d.envelope().helo() : helo);
        put(data, "stage", d.stage());
        putReply(data, d.reply());
        if (d.envelope() != null) {
            put(data, "from", d.envelope().from());
            put(data, "to", d.envelope().to());
            put(data, "proto", d.envelope().proto());
        }
        put(data, "argument", d.argument());
        return data;
    }

    /** @param base what the decision did and {@code ruleName} who decided, as its format reads them ({@link RowEffects#decided(ContentDecision)}) */
    static String content(ContentDecision c, String base, String ruleName) {
        String action = c.action() == null ? "" : c.action().toLowerCase(Locale.ROOT);
        String verb = switch (base) {
            case "reject" -> "Refused";
            case "discard" -> "Discarded";
            case "hold" -> "Held for review";
            case "redirect" -> "Redirected to " + c.argument();
            case "filter" -> "Routed to content filter " + c.argument();
            case "replace" -> "Header replaced";
            case "prepend" -> "Header added";
            case "warning" -> "Warning";
            case "info" -> "Noted";
            default -> "Action '" + action + "'";
        };
        StringBuilder sb = new StringBuilder(verb).append(" by ").append(ruleName).append(" on ")
                .append(c.meta().host());
        if (c.source() != null) {
            sb.append(" (matched ").append(c.source()).append(')');
        }
        appendReply(sb, c.reply());
        return sb.toString();
    }

    static EventData.Builder contentData(ContentDecision c, String queueId) {
        EventData.Builder data = base(c.meta(), queueId);
        putClient(data, c.client());
        put(data, "source", c.source());
        put(data, "subject", c.subject());
        putReply(data, c.reply());
        if (c.envelope() != null) {
            put(data, "from", c.envelope().from());
            put(data, "to", c.envelope().to());
        }
        put(data, "argument", c.argument());
        return data;
    }

    /** The words for one delivery line; {@code what} is a short lead such as "Delivered to the mailbox". */
    static String delivery(DeliveryAttempt d, String what) {
        StringBuilder sb = new StringBuilder(256).append(what).append(" by ").append(d.meta().program()).append(" on ")
                .append(d.meta().host());
        if (d.relay() != null && !d.relay().equals("none")) {
            sb.append(" via ").append(d.relay());
        }
        if (d.origRecipient() != null && !d.origRecipient().equalsIgnoreCase(d.recipient())) {
            sb.append(" for ").append(d.recipient()).append(" (originally ").append(d.origRecipient()).append(')');
        }
        if (d.reply() != null) {
            sb.append(": ").append(d.reply());
        }
        String explained = SmtpCodes.explainText(d.reply(), d.dsn());
        if (!explained.isEmpty()) {
            sb.append(' ').append(explained);
        }
        return sb.toString();
    }

    static EventData.Builder deliveryData(DeliveryAttempt d, String queueId) {
        EventData.Builder data = base(d.meta(), queueId);
        put(data, "to", d.recipient());
        put(data, "origTo", d.origRecipient());
        put(data, "relay", d.relay());
        if (d.relayPeer() != null) {
            put(data, "relayIp", d.relayPeer().ip());
        }
        put(data, "delay", d.delay());
        put(data, "delays", d.delays());
        put(data, "dsn", d.dsn());
        put(data, "status", d.status());
        put(data, "reply", d.reply());
        put(data, "queuedAs", d.queuedAs() == null ? null : d.queuedAs().value());
        put(data, "forwardedAs", d.forwardedAs() == null ? null : d.forwardedAs().value());
        return data;
    }

    static String verdict(FilterVerdict v) {
        StringBuilder sb = new StringBuilder(160).append("Content filter (").append(v.meta().program()).append(") on ")
                .append(v.meta().host()).append(": ").append(v.verdict()).append(' ').append(v.category());
        if (!v.flags().isEmpty()) {
            sb.append(" {").append(String.join(",", v.flags())).append('}');
        }
        if (v.queuedAs() != null) {
            sb.append(", passed on as ").append(v.queuedAs());
        }
        if (v.detail() != null) {
            sb.append("; ").append(v.detail());
        }
        return sb.toString();
    }

    static EventData.Builder verdictData(FilterVerdict v, String queueId) {
        EventData.Builder data = base(v.meta(), queueId);
        put(data, "verdict", v.verdict());
        put(data, "category", v.category());
        put(data, "flags", String.join(",", v.flags()));
        put(data, "recipients", String.join(",", v.recipients()));
        put(data, "queuedAs", v.queuedAs() == null ? null : v.queuedAs().value());
        put(data, "messageId", v.messageId());
        put(data, "detail", v.detail());
        return data;
    }

    static String notification(String kind, String traceId, String queueId) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        String to = k.startsWith("postmaster") ? "the postmaster" : "the sender";
        String what;
        if (k.contains("non-delivery")) {
            what = "Non-delivery report";
        } else if (k.contains("delay")) {
            what = "Delay notification";
        } else if (k.contains("delivery status")) {
            what = "Delivery status notification";
        } else {
            what = "Notification (" + kind + ")";
        }
        return what + " sent to " + to + (traceId == null ? "" : " as " + traceId) + "; queued as " + queueId + ".";
    }

    /** @param counters the commands the client sent, as its format reads them ({@link RowEffects#sessionCommands}), or null */
    static String sessionEnded(SmtpDisconnect x, String counters) {
        String who = x.client() == null ? "The client" : "The client " + x.client();
        if (x.meta().message() == null) {
            return who + " ended the session on " + x.meta().host() + " before sending the message: " + x.meta().program() + " logged"
                    + " nothing more for it within " + human(Correlator.SESSION_IDLE) + " (no disconnect line);"
                    + " the queue file opened at the first accepted recipient was discarded.";
        }
        return who + " ended the session on " + x.meta().host() + " before sending the message"
                + (counters == null ? "" : " (" + counters + ")")
                + "; the queue file opened at the first accepted recipient was discarded.";
    }

    static String retryWindowPassed(SmtpDecision d, java.time.Duration waited) {
        String ip = d.client() == null || d.client().ip() == null ? "the client" : d.client().ip();
        return "No retry from " + ip + " for this sender and recipient was accepted within " + human(waited)
                + " of the temporary refusal (" + (d.reply() == null ? "4xx" : d.reply().toString())
                + "): the attempt failed.";
    }

    /** A duration in the largest whole unit that fits: "1 day", "36 hours", "90 minutes". */
    static String human(java.time.Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return plural(s / 86_400, "day");
        }
        if (s % 3600 == 0 && s > 0) {
            return plural(s / 3600, "hour");
        }
        if (s % 60 == 0 && s > 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    static String members(List<String> members) {
        return "Expanded to " + members.size() + " recipients: " + String.join(", ", members) + ".";
    }

    private static void appendReply(StringBuilder sb, SmtpReply reply) {
        if (reply == null) {
            return;
        }
        String text = reply.toString();
        if (!text.isEmpty()) {
            sb.append(": ").append(text);
        }
        String explained = SmtpCodes.explain(reply);
        if (!explained.isEmpty()) {
            sb.append(' ').append(explained);
        }
    }

    private static void putReply(EventData.Builder data, SmtpReply reply) {
        if (reply != null) {
            put(data, "reply", reply.toString());
            put(data, "dsn", reply.dsn());
            if (reply.code() > 0) {
                data.put("code", Integer.toString(reply.code()));
            }
        }
    }
}
