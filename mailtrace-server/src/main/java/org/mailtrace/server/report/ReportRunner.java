package org.mailtrace.server.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.mailtrace.model.TraceRow;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceReader;

/**
 * Runs one report: pages through the matching rows (newest first, already scoped by the query),
 * streams CSV lines to the partial file. Memory stays at one
 * page, whatever the report's size.
 */
final class ReportRunner {
    static final int PAGE = 1000;

    /** What a finished run produced. */
    record Outcome(long rows, boolean capped, boolean cancelled) {
    }

    private final TraceReader store;

    ReportRunner(TraceReader store) {
        this.store = store;
    }

    /** Leaves the complete CSV at {@code partial}; the caller makes it the report's ({@link ReportJobs#keepCsv}). */
    Outcome run(ReportType type, TraceQuery query, Set<String> scopeDomains, long cap, Path partial,
                DoubleConsumer progress, BooleanSupplier cancelled) throws IOException {
        long total = Math.max(1, store.count(query));
        long read = 0;
        PrivateFiles.newFile(partial); // 600: the CSV holds what only the owner's role and scope allowed
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            CsvOut out = new CsvOut(w, cap);
            ReportRows rows = ReportRows.of(type, out, store::get, scopeDomains);
            out.header(rows.columns());
            String cursor = null;
            boolean open = true;
            do {
                if (cancelled.getAsBoolean()) {
                    return new Outcome(out.rows(), false, true);
                }
                TracePage page = store.search(query, cursor, PAGE);
                for (TraceRow r : page.rows()) {
                    if (!rows.accept(r)) {
                        open = false;
                        break;
                    }
                    read++;
                }
                cursor = page.next();
                progress.accept(Math.min(1.0, (double) read / total));
            } while (open && cursor != null);
            if (open) {
                rows.finish();
            }
            if (out.capped()) {
                out.comment("capped at " + cap + " rows");
            }
            w.flush();
            return new Outcome(out.rows(), out.capped(), false);
        }
    }
}
