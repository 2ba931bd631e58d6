package org.mailtrace.format.exchange;

import java.util.ArrayList;
import java.util.List;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.format.LogAdvice;
import org.mailtrace.format.ParseResult;

/**
 * Says when the tracking log lacks the subjects the console shows: Exchange logs them unless
 * {@code MessageTrackingLogSubjectLoggingEnabled} was turned off.
 */
final class ExchangeAdvice implements LogAdvice {
    private long arrivals;
    private long withSubject;

    @Override
    public void saw(ParseResult result) {
        if (result instanceof ParseResult.Parsed p) {
            for (var e : p.events()) {
                if (e instanceof EnvelopeSeen q) {
                    arrivals++;
                    if (q.subject() != null) {
                        withSubject++;
                    }
                }
            }
        }
    }

    @Override
    public List<String> advice() {
        List<String> out = new ArrayList<>();
        if (arrivals > 0 && withSubject == 0) {
            out.add("no subjects in this message tracking log: Set-TransportService <server> "
                    + "-MessageTrackingLogSubjectLoggingEnabled $true (and the same on Set-MailboxServer for the "
                    + "Mailbox services) makes Exchange log them");
        }
        return out;
    }
}
