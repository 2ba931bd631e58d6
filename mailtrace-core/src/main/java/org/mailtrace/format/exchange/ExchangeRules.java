package org.mailtrace.format.exchange;

import java.util.Locale;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.correlate.RowEffects;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.SmtpDecision;

/**
 * How Exchange's rows join into messages: see {@link CorrelationRules} for what each answer means.
 * A message is its {@code internal-message-id} on one server and service; its copies on other
 * servers (and the forks of a bifurcation) join by {@code network-message-id}, or by Message-ID and
 * envelope sender where that is missing ({@link #copyKey}). As by default, a RECEIVE row (from SMTP,
 * a mailbox, pickup, an agent or a rule) and a DSN row begin a message on a server; Exchange logs no
 * before-queue filter's acceptance and no address-verification probes.
 */
public final class ExchangeRules implements CorrelationRules {

    /** {@link ExchangeFormat#name()}. */
    @Override
    public String format() {
        return "exchange";
    }

    @Override
    public String mtaName() {
        return "Exchange";
    }

    /** Exchange logs no end of a message on a server: traces leave memory after the idle limit. */
    @Override
    public boolean endsMessage(MailEvent e) {
        return false;
    }

    /** The log has one row per event and no SMTP sessions (those are in the protocol logs). */
    @Override
    public String sessionKey(LineMeta m) {
        return null;
    }

    @Override
    public boolean joinsSession(SmtpDecision d) {
        return false;
    }

    /**
     * {@code nmid:} and the {@code network-message-id} (the same on every copy, across servers and
     * bifurcation), else {@code mid:} with the Message-ID and the envelope sender. Read from the
     * row the event came from; the Message-ID and envelope events of a RECEIVE row add nothing to
     * the arrival event before them.
     */
    @Override
    public String copyKey(MailEvent e) {
        if (e instanceof MessageIdSeen || e instanceof EnvelopeSeen) {
            return null;
        }
        ExchangeRow r = ExchangeRow.ofCanonical(e.meta().message());
        if (r == null) {
            return null;
        }
        String network = r.get(ExchangeField.NETWORK_MESSAGE_ID);
        if (network != null) {
            return "nmid:" + network.toLowerCase(Locale.ROOT);
        }
        String messageId = r.get(ExchangeField.MESSAGE_ID);
        String sender = TrackingRows.sender(r);
        return messageId == null ? null
                : "mid:" + messageId + "|" + (sender == null ? "" : sender.toLowerCase(Locale.ROOT));
    }

    /**
     * A RECEIVE from {@code MAILBOXRULE} (an inbox rule forwarding or redirecting what the mailbox
     * received) names the received message's Message-ID in {@code reference}: the rule's message is
     * a new one from the mailbox owner, related to it. A reference that is no Message-ID (no
     * {@code @}) is not followed.
     */
    @Override
    public String forwardOf(MailEvent e) {
        if (!(e instanceof LocalSubmission) || !"mailboxrule".equals(e.meta().program())) {
            return null;
        }
        ExchangeRow r = ExchangeRow.ofCanonical(e.meta().message());
        String reference = r == null ? null : r.get(ExchangeField.REFERENCE);
        if (reference == null || reference.indexOf('@') < 0) {
            return null;
        }
        String own = r.get(ExchangeField.MESSAGE_ID);
        return reference.equals(own) ? null : reference;
    }

    /** A DSN row's {@code reference} is the Message-ID of the message it reports on. */
    @Override
    public NotificationOf notificationOf(MailEvent e) {
        if (!(e instanceof LocalSubmission) || !"dsn".equals(e.meta().program())) {
            return null;
        }
        ExchangeRow r = ExchangeRow.ofCanonical(e.meta().message());
        String reference = r == null ? null : r.get(ExchangeField.REFERENCE);
        if (reference == null) {
            return null;
        }
        String subject = r.get(ExchangeField.MESSAGE_SUBJECT);
        String s = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
        String kind = s.startsWith("delivery delayed") || s.startsWith("delayed") ? "sender delay"
                : s.startsWith("delivered") || s.startsWith("relayed") ? "sender delivery status"
                : "sender non-delivery";
        return new NotificationOf(reference, kind);
    }

    /** {@link ExchangeRowEffects}. */
    @Override
    public RowEffects rowEffects() {
        return ExchangeRowEffects.INSTANCE;
    }
}
