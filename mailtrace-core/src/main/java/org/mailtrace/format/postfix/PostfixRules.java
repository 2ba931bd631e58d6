package org.mailtrace.format.postfix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.correlate.RowEffects;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.SmtpDecision;

/**
 * How Postfix's lines join into messages: see {@link CorrelationRules} for what each answer means. The
 * defaults hold for Postfix: smtpd's {@code client=} and pickup's {@code uid= from=} open a queue
 * file's life; qmgr's (or postsuper -d's) {@code removed} ends it, written last, after every line that
 * links the message; {@code status=deliverable} / {@code undeliverable} come only from
 * address-verification probes (verify(8), sender {@code double-bounce@}; also {@code sendmail -bv}):
 * the queue file was a test, not mail.
 */
public final class PostfixRules implements CorrelationRules {

    /** {@link PostfixFormat#name()}. */
    @Override
    public String format() {
        return "postfix";
    }

    @Override
    public String mtaName() {
        return "Postfix";
    }
    private static final Pattern QUEUED_AS = Pattern.compile("queued as:? ([0-9A-Za-z]+)");

    /** smtpd handles one session per process at a time. */
    @Override
    public String sessionKey(LineMeta m) {
        return CorrelationRules.byProcess(m);
    }

    /** postscreen refuses before smtpd's session exists, in a process of its own. */
    @Override
    public boolean joinsSession(SmtpDecision d) {
        return !"postscreen".equals(d.meta().program());
    }

    /**
     * The queue ID in a {@code proxy-accept} reply ("250 2.0.0 Ok: queued as 4F2A1C"), the last one
     * named, when it has the shape of a Postfix queue ID; else null.
     */
    @Override
    public String acceptedAs(SmtpDecision d) {
        if (!"proxy-accept".equalsIgnoreCase(d.action()) || d.reply() == null || d.reply().text() == null) {
            return null;
        }
        Matcher m = QUEUED_AS.matcher(d.reply().text());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last != null && QueueIds.looksLike(last) ? last : null;
    }

    /** {@link PostfixRowEffects}. */
    @Override
    public RowEffects rowEffects() {
        return PostfixRowEffects.INSTANCE;
    }
}
