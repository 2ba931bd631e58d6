package org.mailtrace.format.postfix;

import java.util.Locale;
import java.util.Map;

import org.mailtrace.correlate.RowEffects;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.event.SmtpDisconnect;

/**
 * What Postfix's lines do to rows (see {@link RowEffects} for what each answer means): local(8),
 * virtual(8) and lmtp put mail in mailboxes, pipe(8) hands it to a command, discard(8) drops it;
 * postsuper's holds and releases are an administrator's; a milter's verdict is logged by smtpd or
 * cleanup with the action prefixed {@code milter-}; cleanup's other verdicts come from
 * {@code header_checks} or {@code body_checks}, or the message size limit; smtpd's disconnect line
 * counts the commands of the session; its "User unknown in local recipient table" (or virtual
 * mailbox table) says the domain is ours.
 */
final class PostfixRowEffects implements RowEffects {
    static final PostfixRowEffects INSTANCE = new PostfixRowEffects();

    private static final String MILTER = "milter-";
    private static final Map<String, Delivery> AGENTS = Map.of("local", Delivery.MAILBOX, "virtual", Delivery.MAILBOX,
            "lmtp", Delivery.MAILBOX, "pipe", Delivery.COMMAND, "discard", Delivery.DISCARD);

    private PostfixRowEffects() {
    }

    @Override
    public Map<String, Delivery> deliveryAgents() {
        return AGENTS;
    }

    @Override
    public Map<String, QueueHandling> queueHandling() {
        return Map.of("postsuper", QueueHandling.ADMINISTRATOR);
    }

    /** smtpd logs a milter's verdict at CONNECT..RCPT itself: its own action of that name, by the milter. */
    @Override
    public Decided decided(SmtpDecision d) {
        String action = RowEffects.actionOf(d.action());
        return action.startsWith(MILTER) ? new Decided(action.substring(MILTER.length()), "milter") : null;
    }

    /** cleanup's verdicts (and smtpd's size limit, read as one): by the rule table the matched text came from. */
    @Override
    public Decided decided(ContentDecision c) {
        String program = c.meta().program();
        if (!"cleanup".equals(program) && !"smtpd".equals(program)) {
            return null;
        }
        String action = RowEffects.actionOf(c.action());
        boolean milter = action.startsWith(MILTER);
        return new Decided(milter ? action.substring(MILTER.length()) : action, ruleName(c.source(), milter));
    }

    /**
     * The matched text names the rule: a milter's stage (it decided at that SMTP command, or at the
     * end of the message), a body line ({@code body}, {@code mime-body}: body_checks), else a header
     * (header_checks); {@code message size} is message_size_limit.
     */
    private static String ruleName(String source, boolean milter) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT);
        if (s.contains("size")) {
            return "size limit";
        }
        if (milter || s.startsWith("end-of-message") || s.startsWith("data") || s.startsWith("connect")
                || s.startsWith("rcpt") || s.startsWith("mail") || s.startsWith("helo") || s.startsWith("ehlo")) {
            return "milter";
        }
        if (s.startsWith("body") || s.startsWith("mime-body")) {
            return "body_checks";
        }
        return "header_checks";
    }

    /**
     * smtpd's {@code disconnect from host[ip] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4}: the
     * counters after the client. A session end the correlator made up (no line: its disconnect was
     * lost) has none.
     */
    @Override
    public String sessionCommands(SmtpDisconnect x) {
        String m = x.meta().message();
        if (m == null || !"smtpd".equals(x.meta().program())) {
            return null;
        }
        int end = m.indexOf("] ");
        return end < 0 ? null : m.substring(end + 2).trim();
    }

    /** smtpd's reject of a recipient local(8) or virtual(8) has no mailbox for: the domain is ours. */
    @Override
    public boolean refusesUnknownLocalUser(SmtpDecision d) {
        if (d.reply() == null || d.reply().text() == null) {
            return false;
        }
        String t = d.reply().text().toLowerCase(Locale.ROOT);
        return t.contains("user unknown in local recipient table") || t.contains("user unknown in virtual mailbox table");
    }
}
