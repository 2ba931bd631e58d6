package org.mailtrace.format.exim;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.Peer;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.format.ParseResult;

/**
 * {@code SMTP connection from [192.0.2.1]:4321 (TCP/IP connection count = 1)} (with
 * {@code +smtp_connection}) and {@code SMTP connection from name (helo) [ip] lost} /
 * {@code ... D=2s closed by QUIT}. With {@code +pid} these open and close an SMTP session as
 * Postfix's smtpd connect/disconnect lines do ({@link SmtpConnect}, {@link SmtpDisconnect}); without a
 * pid nothing can be joined to them, and they are ignored.
 */
final class ConnectionLines {
    private ConnectionLines() {
    }

    static ParseResult parse(LineMeta meta, String m) {
        int from = m.indexOf(" from ");
        if (from < 0) {
            return new ParseResult.Ignored("exim: SMTP connection remark");
        }
        if (meta.pid() < 0) {
            return new ParseResult.Ignored("exim: SMTP connection line without pid (add +pid to log_selector)");
        }
        int at = from + " from ".length();
        EximFields.HostSpec h = EximFields.HostSpec.read(m, at);
        Peer client = h.peer();
        String after = m.substring(Math.min(h.end(), m.length()));
        if (after.contains(" lost") || after.contains("closed by ") || after.contains(" D=")) {
            return new ParseResult.Parsed(new SmtpDisconnect(meta, client));
        }
        if (after.contains("connection count")) {
            return new ParseResult.Parsed(new SmtpConnect(meta, client));
        }
        return new ParseResult.Ignored("exim: SMTP connection remark");
    }
}
