package org.mailtrace.cli;

import java.io.PrintWriter;
import java.util.List;
import org.mailtrace.model.TraceRow;

/**
 * Trace rows as RFC 4180 CSV with Microsoft 365's column names where the concept exists
 * (Received, SenderAddress, RecipientAddress, Subject, Status, ToIP, FromIP, Size, MessageId,
 * MessageTraceId), so existing M365 report parsers work; Direction, Hosts, QueueIds and FinalRecipients
 * (where an alias or forward sent the mail, see TraceRow) are ours.
 */
final class RowCsv {
    static final String HEADER = "Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId,Direction,Hosts,QueueIds,FinalRecipients";

    private RowCsv() {
    }

    static void write(PrintWriter out, List<TraceRow> rows) {
        out.print(HEADER + "\r\n");
        for (TraceRow r : rows) {
            out.print(String.join(",",
                    field(r.received() == null ? "" : r.received().toString()),
                    field(r.senderAddress()), field(r.recipientAddress()), field(r.subject()),
                    field(String.valueOf(r.status())), field(r.toIp()), field(r.fromIp()),
                    field(r.size() == null ? "" : r.size().toString()), field(r.messageId()),
                    field(r.messageTraceId()), field(r.direction() == null ? "" : r.direction().name()),
                    field(String.join(" ", r.hosts())), field(String.join(" ", r.queueIds())),
                    field(String.join(" ", r.finalRecipients()))) + "\r\n");
        }
    }

    /** Quotes when needed; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
    static String field(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
