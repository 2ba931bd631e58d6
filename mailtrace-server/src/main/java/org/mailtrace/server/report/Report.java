package org.mailtrace.server.report;

import java.time.Instant;
import org.mailtrace.server.savedquery.SearchCriteria;

/**
 * A report job as the API shows it (and as webhooks receive it).
 *
 * @param progress 0.0 to 1.0: rows read of the rows that matched when it started
 * @param rows     CSV data rows written so far (rows, messages or events, by type)
 * @param capped   stopped at the configured row cap; the CSV's last line says so too
 * @param error    why it failed, or null
 */
public record Report(String id, String title, ReportType type, ReportState state, double progress, long rows,
                     boolean capped, Instant createdAt, Instant finishedAt, String owner, SearchCriteria query,
                     String error) {

    Report with(ReportState s, double p, long n, boolean c, Instant finished, String err) {
        return new Report(id, title, type, s, p, n, c, createdAt, finished, owner, query, err);
    }
}
