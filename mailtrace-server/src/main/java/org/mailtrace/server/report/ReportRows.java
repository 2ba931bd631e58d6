package org.mailtrace.server.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;

/**
 * Turns the report's rows (newest first, only rows the owner may see, rows of one trace adjacent)
 * into the CSV lines of one {@link ReportType}.
 */
interface ReportRows {
    List<String> columns();

    /** Takes the next row; false when the row cap was reached and the report must stop. */
    boolean accept(TraceRow row);

    /** Writes what is still buffered (the last message or trace); false when the cap was reached. */
    boolean finish();

    /** @param scopeDomains the owner's domain scope (empty: every domain), for masking inside event texts */
    static ReportRows of(ReportType type, CsvOut out, Function<String, Optional<MessageTrace>> traces, Set<String> scopeDomains) {
        return switch (type) {
            case SUMMARY -> new SummaryRows(out);
            case ENHANCED -> new EnhancedRows(out);
            case EXTENDED -> new ExtendedRows(out, traces, scopeDomains);
        };
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
