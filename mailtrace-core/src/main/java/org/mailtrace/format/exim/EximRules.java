package org.mailtrace.format.exim;

import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.correlate.RowEffects;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.SmtpDecision;

/**
 * How Exim's lines join into messages: see {@link CorrelationRules} for what each answer means. The
 * defaults hold for Exim: a message starts at its arrival line ({@code <=}) and ends at
 * {@code Completed} (every recipient done, the spool file gone); Exim logs no before-queue filter's
 * acceptance (the next hop's ID, {@code C="250 OK id=X"}, comes on the delivery line, where
 * {@link DeliveryLines} reads it into {@link DeliveryAttempt#queuedAs()}); its address verification
 * ({@code -bv}, callouts) writes no delivery line.
 */
public final class EximRules implements CorrelationRules {

    /** {@link EximFormat#name()}. */
    @Override
    public String format() {
        return "exim";
    }

    @Override
    public String mtaName() {
        return "Exim";
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

    /** {@link EximRowEffects}. */
    @Override
    public RowEffects rowEffects() {
        return EximRowEffects.INSTANCE;
    }
}
