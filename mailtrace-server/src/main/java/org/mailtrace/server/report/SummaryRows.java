package org.mailtrace.server.report;

import static org.mailtrace.server.report.ReportRows.text;

import java.util.List;
import org.mailtrace.model.TraceRow;

/** M365's summary report: one line per row, its column names, plus Direction, Hosts, QueueIds and FinalRecipients. */
final class SummaryRows implements ReportRows {
    static final List<String> COLUMNS = List.of("Received", "SenderAddress", "RecipientAddress", "Subject", "Status",
            "ToIP", "FromIP", "Size", "MessageId", "MessageTraceId", "Direction", "Hosts", "QueueIds", "FinalRecipients");

    private final CsvOut out;

    SummaryRows(CsvOut out) {
        this.out = out;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public boolean accept(TraceRow r) {
        return out.row(List.of(text(r.received()), text(r.senderAddress()), text(r.recipientAddress()), text(r.subject()),
                text(r.status()), text(r.toIp()), text(r.fromIp()), text(r.size()), text(r.messageId()),
                text(r.messageTraceId()), text(r.direction()), String.join(" ", r.hosts()), String.join(" ", r.queueIds()),
                String.join(" ", r.finalRecipients())));
    }

    @Override
    public boolean finish() {
        return true;
    }
}
