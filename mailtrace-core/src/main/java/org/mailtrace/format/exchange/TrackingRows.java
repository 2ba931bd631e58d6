package org.mailtrace.format.exchange;

import static org.mailtrace.format.exchange.ExchangeField.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.format.ParseResult;

/**
 * What each message tracking event ({@code event-id}, with its {@code source}) becomes: the
 * MTA-neutral events of {@link org.mailtrace.event}, so the correlator gives the statuses M365's
 * message trace gives (docs/formats/exchange.md has the table). The queue ID is the row's
 * {@code internal-message-id} (unique per server and service only: the namespace is host and
 * service); the program is the {@code source} in lower case ({@code smtp}, {@code storedriver},
 * {@code routing}, {@code agent}, {@code dsn}...). Stateless; never throws.
 */
final class TrackingRows {
    private static final Pattern DSN = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private TrackingRows() {
    }

    static ParseResult parse(ExchangeRow r, LineMeta base) {
        String event = r.upper(EVENT_ID);
        if (event.isEmpty()) {
            return new ParseResult.Malformed("exchange: row without event-id");
        }
        switch (event) {
            case "HAREDIRECT", "HARECEIVE", "HADISCARD", "HAREDIRECTFAIL", "NOTIFYSHADOW":
                return new ParseResult.Ignored("exchange: " + event + ": a shadow redundancy copy, not the message's path");
            case "NOTIFYMAPI":
                return new ParseResult.Ignored("exchange: NOTIFYMAPI: the mailbox told transport a message is waiting");
            case "LOAD":
                return new ParseResult.Ignored("exchange: LOAD: a queued message loaded again at service start");
            default:
                break;
        }
        String id = r.get(INTERNAL_MESSAGE_ID);
        if (id == null) {
            return new ParseResult.Ignored("exchange: " + event + " row without internal-message-id");
        }
        QueueId qid = new QueueId(id);
        String program = r.get(SOURCE) == null ? "exchange" : r.get(SOURCE).toLowerCase(Locale.ROOT);
        LineMeta meta = new LineMeta(base.time(), base.host(), base.instance(), program, -1, base.source(),
                base.message());
        List<MailEvent> out = new ArrayList<>(4);
        switch (event) {
            case "RECEIVE" -> arrival(r, meta, qid, out);
            case "DSN" -> notification(r, meta, qid, out);
            case "SEND", "SENDEXTERNAL" -> perRecipient(r, meta, qid, "sent", true, out);
            case "DELIVER" -> perRecipient(r, meta, qid, "sent", false, out);
            case "DEFER", "SUBMITDEFER", "RESUBMITDEFER" -> perRecipient(r, meta, qid, "deferred", true, out);
            case "INITMESSAGECREATED" -> perRecipient(r, meta, qid, "deferred", false, out);
            case "FAIL", "DELIVERFAIL", "SUBMITFAIL", "RESUBMITFAIL", "BADMAIL", "MODERATORREJECT",
                    "MODERATIONEXPIRE", "MODERATORSALLNDR" -> {
                if (deletedByAgent(r)) {
                    dropped(r, meta, qid, out); // a spam, malware or rule agent deleted it: no NDR, as a DROP
                } else {
                    perRecipient(r, meta, qid, "bounced", true, out);
                }
            }
            case "DROP", "SUBMITDROP" -> dropped(r, meta, qid, out);
            case "EXPAND", "RESOLVE", "REDIRECT" -> rerouted(r, meta, qid, event, out);
            case "TRANSFER" -> transfer(r, meta, qid, out);
            case "AGENTINFO" -> out.add(agentInfo(r, meta, qid));
            case "POISONMESSAGE" -> out.add(new QueueAdminAction(new LineMeta(meta.time(), meta.host(), meta.instance(),
                    "poisonmessage", -1, meta.source(), meta.message()), qid, QueueAction.HOLD)); // put in or taken out: the builder alternates
            case "SUBMIT", "RESUBMIT", "PROCESS", "PROCESSMEETINGMESSAGE", "DUPLICATEDELIVER", "DUPLICATEEXPAND",
                    "DUPLICATEREDIRECT", "THROTTLE", "RECIPIENTS", "SUPPRESSED", "CLIENTSUBMISSION",
                    "MODERATORAPPROVE" -> out.add(new DeliveryNote(meta, qid, event + " " + program + note(r)));
            default -> {
                return new ParseResult.Ignored("exchange: event-id " + event + " is not read");
            }
        }
        if (out.isEmpty()) {
            out.add(new DeliveryNote(meta, qid, event + " " + program + note(r)));
        }
        return new ParseResult.Parsed(out);
    }

    /** A message came in: from an SMTP client, or from a mailbox, pickup folder, agent or rule on this server. */
    private static void arrival(ExchangeRow r, LineMeta meta, QueueId qid, List<MailEvent> out) {
        String sender = sender(r);
        if ("smtp".equals(meta.program())) {
            String ip = r.get(CLIENT_IP);
            String original = r.get(ORIGINAL_CLIENT_IP);
            Peer origClient = original == null || original.equals(ip) ? null : new Peer(null, original, null);
            out.add(new QueuedFromClient(meta, qid, new Peer(r.get(CLIENT_HOSTNAME), ip, null), null, null, origClient,
                    null, fromOrganization(r)));
        } else {
            out.add(new LocalSubmission(meta, qid, null, sender));
        }
        envelope(r, meta, qid, sender, out);
    }

    /** The Message-ID and the envelope as the row gives them. */
    private static void envelope(ExchangeRow r, LineMeta meta, QueueId qid, String sender, List<MailEvent> out) {
        String messageId = r.get(MESSAGE_ID);
        if (messageId != null) {
            out.add(new MessageIdSeen(meta, qid, messageId, false));
        }
        long count = r.number(RECIPIENT_COUNT);
        out.add(new EnvelopeSeen(meta, qid, sender, r.number(TOTAL_BYTES), count > Integer.MAX_VALUE ? -1 : (int) count,
                r.get(MESSAGE_SUBJECT), r.recipients()));
    }

    /**
     * A DSN row is the notification itself, a new message with its own IDs from the null sender to
     * the original's sender; {@code reference} names the original's Message-ID
     * ({@link ExchangeRules#notificationOf}).
     */
    private static void notification(ExchangeRow r, LineMeta meta, QueueId qid, List<MailEvent> out) {
        out.add(new LocalSubmission(meta, qid, null, ""));
        envelope(r, meta, qid, "", out);
    }

    /** One delivery attempt per recipient, each with its own status. */
    private static void perRecipient(ExchangeRow r, LineMeta meta, QueueId qid, String status, boolean peer,
                                     List<MailEvent> out) {
        List<String> recipients = r.recipients();
        String relayName = r.get(SERVER_HOSTNAME);
        String relayIp = r.get(SERVER_IP);
        Peer relayPeer = peer && "smtp".equals(meta.program()) && (relayName != null || relayIp != null) ? new Peer(relayName, relayIp, null) : null;
        String relay = relayPeer == null ? null : relayPeer.toString();
        for (int i = 0; i < recipients.size(); i++) {
            String reply = r.statusOf(i, recipients.size());
            out.add(new DeliveryAttempt(meta, qid, recipients.get(i), null, relay, relayPeer, null, null, dsn(reply),
                    status, reply, null, null));
        }
    }

    /** A drop without a notification: a spam or malware verdict, or a rule or agent that deleted it. */
    private static void dropped(ExchangeRow r, LineMeta meta, QueueId qid, List<MailEvent> out) {
        String why = String.join(" ", nonNull(r.get(RECIPIENT_STATUS)), nonNull(r.get(SOURCE_CONTEXT)),
                nonNull(r.get(CUSTOM_DATA))).toLowerCase(Locale.ROOT);
        if (why.contains("resolver.grp.expanded")) {
            // The group's own copy ends once its members have theirs: not a drop of mail.
            out.add(new DeliveryNote(meta, qid, "DROP " + meta.program() + note(r)));
            return;
        }
        boolean spam = why.contains("spam") || why.contains("scl=") || why.contains("content filter");
        boolean malware = why.contains("malware");
        if (spam || malware) {
            // The agent that deleted it is the action, as for its AGENTINFO row.
            String agent = r.get(SOURCE_CONTEXT);
            LineMeta m = agent == null ? meta : new LineMeta(meta.time(), meta.host(), meta.instance(), agent, -1,
                    meta.source(), meta.message());
            out.add(new FilterVerdict(m, qid, "Blocked", spam ? "SPAM" : "INFECTED", List.of(), r.recipients(), null,
                    r.get(MESSAGE_ID), detail(r)));
            return;
        }
        perRecipient(r, meta, qid, "discarded", false, out);
    }

    /** EXPAND (a group to its members), RESOLVE (an address to its mailbox's), REDIRECT (to a forwarding address). */
    private static void rerouted(ExchangeRow r, LineMeta meta, QueueId qid, String event, List<MailEvent> out) {
        String from = r.get(RELATED_RECIPIENT_ADDRESS);
        if (from == null) {
            return; // without the address it came from there is nothing to route: a note
        }
        String word = switch (event) {
            case "EXPAND" -> "expanded";
            case "RESOLVE" -> "resolved";
            default -> "redirected";
        };
        for (String to : r.recipients()) {
            if (!to.equalsIgnoreCase(from)) {
                out.add(new DeliveryAttempt(meta, qid, to, from, null, null, null, null, null, word, null, null, null));
            }
        }
    }

    /** Recipients moved to a forked copy ({@code reference}: its internal-message-id) on this server. */
    private static void transfer(ExchangeRow r, LineMeta meta, QueueId qid, List<MailEvent> out) {
        String fork = r.get(REFERENCE);
        if (fork == null || fork.equals(qid.value())) {
            return;
        }
        String why = r.get(SOURCE_CONTEXT);
        for (String to : r.recipients()) {
            out.add(new DeliveryAttempt(meta, qid, to, null, null, null, null, null, null, "sent", why,
                    new QueueId(fork), null));
        }
    }

    /**
     * An agent's remark (transport rule, spam or malware filter, DLP): shown in the timeline, no
     * status change (spam delivered to Junk is Delivered in M365); the action is the agent, the
     * verdict "Checked".
     */
    private static FilterVerdict agentInfo(ExchangeRow r, LineMeta meta, QueueId qid) {
        String agent = r.get(SOURCE_CONTEXT);
        String data = nonNull(r.get(CUSTOM_DATA));
        String category;
        if (data.contains("S:TRA=ETR") || data.contains("TRA=ETR")) {
            category = "transport rule";
        } else if (data.contains("S:SFA=")) {
            category = "spam filter";
        } else if (data.contains("S:AMA=")) {
            category = "malware filter";
        } else if (data.contains("DLP")) {
            category = "DLP";
        } else {
            category = "agent";
        }
        LineMeta m = agent == null ? meta : new LineMeta(meta.time(), meta.host(), meta.instance(), agent, -1,
                meta.source(), meta.message());
        // The agent is the action already: the detail is what it logged.
        String detail = data.isEmpty() ? r.get(RECIPIENT_STATUS) : data;
        // "Checked", not "Passed": the row says an agent looked at the message, not what it decided
        // (a rule that deletes it, a spam verdict of SCL=9 log AGENTINFO too; the DROP or FAIL after it decides).
        return new FilterVerdict(m, qid, "Checked", category, List.of(), List.of(), null, r.get(MESSAGE_ID), detail);
    }

    /** A transport rule or agent that deleted the message: Exchange's QUEUE.TransportAgent status. */
    private static boolean deletedByAgent(ExchangeRow r) {
        String s = nonNull(r.get(RECIPIENT_STATUS)).toLowerCase(Locale.ROOT);
        return s.contains("deleted by transport agent") || s.contains("queue.transportagent");
    }

    /** The envelope sender: {@code return-path} (MAIL FROM; {@code <>} is the null sender), else {@code sender-address}. */
    static String sender(ExchangeRow r) {
        String rp = r.get(RETURN_PATH);
        if (rp == null) {
            rp = r.get(SENDER_ADDRESS);
        }
        if (rp == null) {
            return null;
        }
        if (rp.startsWith("<") && rp.endsWith(">")) {
            rp = rp.substring(1, rp.length() - 1).strip();
        }
        return rp;
    }

    /** Originating: from the organisation; Incoming: from outside; otherwise not said. */
    private static Boolean fromOrganization(ExchangeRow r) {
        String d = r.upper(DIRECTIONALITY);
        return switch (d) {
            case "ORIGINATING" -> Boolean.TRUE;
            case "INCOMING" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String dsn(String reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = DSN.matcher(reply);
        return m.find() ? m.group(1) : null;
    }

    private static String detail(ExchangeRow r) {
        List<String> parts = new ArrayList<>();
        for (ExchangeField f : new ExchangeField[] {RECIPIENT_STATUS, SOURCE_CONTEXT, CUSTOM_DATA}) {
            if (r.get(f) != null) {
                parts.add(r.get(f));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String note(ExchangeRow r) {
        String d = detail(r);
        return d == null ? "" : ": " + d;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
