package org.mailtrace.server.report;

import static org.mailtrace.server.report.ReportRows.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mailtrace.model.TraceRow;

/**
 * M365's enhanced summary: one line per message, with {@code recipient_status} as
 * {@code addr##status} joined by {@code ;} (only recipients the owner may see). Our trace ID is
 * the {@code network_message_id}; connector and priority do not exist in Postfix logs (empty).
 */
final class EnhancedRows extends PerMessageRows {
    static final List<String> COLUMNS = List.of("origin_timestamp_utc", "sender_address", "recipient_status",
            "message_subject", "total_bytes", "message_id", "network_message_id", "original_client_ip",
            "directionality", "connector_id", "delivery_priority");

    private final CsvOut out;

    EnhancedRows(CsvOut out) {
        this.out = out;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    boolean write(List<TraceRow> message) {
        TraceRow first = message.get(0);
        List<String> status = new ArrayList<>();
        Set<String> directions = new LinkedHashSet<>();
        for (TraceRow r : message) {
            status.add(text(r.recipientAddress()) + "##" + text(r.status()));
            if (r.direction() != null) {
                directions.add(r.direction().name());
            }
        }
        return out.row(List.of(text(first.received()), text(first.senderAddress()), String.join(";", status),
                text(first.subject()), text(first.size()), text(first.messageId()), text(first.messageTraceId()),
                text(first.fromIp()), String.join(";", directions), "", ""));
    }
}
