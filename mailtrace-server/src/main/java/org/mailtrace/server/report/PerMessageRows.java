package org.mailtrace.server.report;

import java.util.ArrayList;
import java.util.List;
import org.mailtrace.model.TraceRow;

/**
 * Report writers whose lines are per message, not per row: rows arrive grouped by trace (the search
 * is ordered by trace within the same received time), so the rows of one message are collected and
 * written together when the next message starts or the report ends.
 */
abstract class PerMessageRows implements ReportRows {
    private final List<TraceRow> message = new ArrayList<>();

    @Override
    public final boolean accept(TraceRow r) {
        if (!message.isEmpty() && !message.get(0).messageTraceId().equals(r.messageTraceId())) {
            if (!finish()) {
                return false;
            }
        }
        message.add(r);
        return true;
    }

    @Override
    public final boolean finish() {
        if (message.isEmpty()) {
            return true;
        }
        List<TraceRow> rows = List.copyOf(message);
        message.clear();
        return write(rows);
    }

    /**
     * Writes the lines of one message from its visible rows (never empty).
     *
     * @return false when the output refused more lines (the report's cap), as {@link ReportRows#accept}
     */
    abstract boolean write(List<TraceRow> message);
}
