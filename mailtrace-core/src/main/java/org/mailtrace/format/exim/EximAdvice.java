package org.mailtrace.format.exim;

import java.util.ArrayList;
import java.util.List;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.format.LogAdvice;
import org.mailtrace.format.ParseResult;

/**
 * Says which log_selector options the stream's arrival lines lack. Debian's default selector logs
 * neither subjects nor recipients on {@code <=} lines nor the pid: traces still come out, but without
 * a subject, without rows for recipients not yet delivered, and without joining a session's refused
 * recipients to its message. docs/formats/exim.md has the recommended selector line.
 */
final class EximAdvice implements LogAdvice {
    private long arrivals;
    private long withSubject;
    private long withRecipients;
    private long withPid;

    @Override
    public void saw(ParseResult result) {
        if (!(result instanceof ParseResult.Parsed p)) {
            return;
        }
        for (MailEvent e : p.events()) {
            if (e instanceof EnvelopeSeen q && EximFormat.INSTANCE.equals(q.meta().instance())) {
                arrivals++;
                if (q.subject() != null) {
                    withSubject++;
                }
                if (q.recipients() != null) {
                    withRecipients++;
                }
                if (q.meta().pid() >= 0) {
                    withPid++;
                }
            }
        }
    }

    @Override
    public List<String> advice() {
        List<String> out = new ArrayList<>();
        if (arrivals == 0) {
            return out;
        }
        if (withSubject == 0) {
            out.add("no subjects in this log: add +subject to log_selector");
        }
        if (withRecipients == 0) {
            out.add("no recipients on arrival lines: add +received_recipients to log_selector"
                    + " (a message not yet delivered shows no recipients)");
        }
        if (withPid == 0) {
            out.add("no process IDs in this log: add +pid to log_selector"
                    + " (refused recipients then join the message of their SMTP session)");
        }
        return out;
    }
}
