package org.mailtrace.format.exim;

import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpDecision;

/** How Exim's lines join into messages: see {@link CorrelationRules} for what each answer means. */
public final class EximRules implements CorrelationRules {

    /** The arrival line ({@code <=}), from a client or local. */
    @Override
    public boolean startsMessage(MailEvent e) {
        return e instanceof QueuedFromClient || e instanceof LocalSubmission;
    }

    /** {@code Completed}: every recipient is done and the spool file is gone. */
    @Override
    public boolean endsMessage(MailEvent e) {
        return e instanceof QueueRemoved;
    }

    /** One receiving process per SMTP connection; without {@code +pid} in log_selector, no sessions. */
    @Override
    public String sessionKey(LineMeta m) {
        return CorrelationRules.byProcess(m);
    }

    /** Every reject is written by the receiving process of its connection. */
    @Override
    public boolean joinsSession(SmtpDecision d) {
        return true;
    }

    /**
     * Exim logs no before-queue filter's acceptance: the next hop's ID ({@code C="250 OK id=X"})
     * comes on the delivery line, where {@link DeliveryLines} reads it into {@link DeliveryAttempt#queuedAs()}.
     */
    @Override
    public String acceptedAs(SmtpDecision d) {
        return null;
    }

    /** Exim's address verification ({@code -bv}, callouts) writes no delivery line. */
    @Override
    public boolean isAddressProbe(DeliveryAttempt d) {
        return false;
    }
}
