package org.mailtrace.format.exim;

import org.mailtrace.format.ParseResult;

/**
 * Lines that name no message and refuse nothing: queue runs, daemon starts, TLS and protocol
 * remarks, the panic log's complaints. Ignored, counted under a few stable reasons.
 */
final class RemarkLines {
    private RemarkLines() {
    }

    static ParseResult parse(String m) {
        String reason;
        if (m.startsWith("Start queue run") || m.startsWith("End queue run")) {
            reason = "queue run started or ended";
        } else if (m.contains("daemon started") || m.startsWith("exim ") || m.contains("daemon terminating")) {
            reason = "daemon start or stop";
        } else if (m.contains("retry time not reached")) {
            reason = "retry time not reached";
        } else if (m.startsWith("TLS error") || m.contains("TLS session") || m.startsWith("TLS ")) {
            reason = "TLS remark";
        } else if (m.startsWith("SMTP ") || m.startsWith("no MAIL in SMTP connection") || m.contains("SMTP protocol")
                || m.contains("SMTP command timeout") || m.contains("SMTP syntax error")) {
            reason = "SMTP session remark";
        } else if (m.startsWith("H=") || m.startsWith("U=") || m.startsWith("F=")) {
            reason = "ACL or verification remark without message ID";
        } else {
            reason = "remark without message ID";
        }
        return new ParseResult.Ignored("exim: " + reason);
    }
}
