package org.mailtrace.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import org.mailtrace.model.TraceRow;

/** Trace rows as an aligned table for a terminal; long values are shortened with an ellipsis. */
final class RowTable {
    private static final String[] HEADERS = {"RECEIVED", "SENDER", "RECIPIENT", "STATUS", "DIRECTION", "SUBJECT", "TRACE ID"};
    private static final int[] MAX = {19, 32, 32, 14, 9, 30, 36};

    private RowTable() {
    }

    static void write(PrintWriter out, List<TraceRow> rows, ZoneId zone) {
        String[][] cells = new String[rows.size()][];
        int[] width = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            width[c] = HEADERS[c].length();
        }
        String zoneName = zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
        for (int i = 0; i < rows.size(); i++) {
            TraceRow r = rows.get(i);
            cells[i] = new String[] {
                Times.show(r.received(), zone),
                r.senderAddress() == null ? "?" : r.senderAddress().isEmpty() ? "<>" : r.senderAddress(),
                r.recipientAddress() == null || r.recipientAddress().isEmpty() ? "-" : r.recipientAddress()
                        + (r.finalRecipients().isEmpty() ? "" : " -> " + r.finalRecipients().get(r.finalRecipients().size() - 1)),
                String.valueOf(r.status()),
                r.direction() == null ? "" : r.direction().name(),
                r.subject() == null ? "" : r.subject(),
                r.messageTraceId()};
            for (int c = 0; c < cells[i].length; c++) {
                cells[i][c] = shorten(cells[i][c], MAX[c]);
                width[c] = Math.max(width[c], cells[i][c].length());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        String[] head = HEADERS.clone();
        head[0] = "RECEIVED (" + zoneName + ")";
        width[0] = Math.max(width[0], head[0].length());
        line(out, head, width);
        for (String[] row : cells) {
            line(out, row, width);
        }
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            sb.append(cells[c]);
            if (c < cells.length - 1) {
                sb.append(" ".repeat(width[c] - cells[c].length() + 2));
            }
        }
        out.println(sb);
    }

    private static String shorten(String s, int max) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "\u2026";
    }
}
