package org.mailtrace.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.server.JobSettings;
import org.mailtrace.server.savedquery.JsonFiles;
import org.mailtrace.server.savedquery.SearchCriteria;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/** What a restart finds in DIR/reports: interrupted reports fail clearly, queued ones run, old ones go. */
class ReportServiceRecoveryTest {
    @TempDir
    Path dir;

    private static final SearchCriteria ALL = new SearchCriteria(null, null, null, null, null, null, null, null, null, null, null, null);

    private ReportOrder order(String id, ReportState state, Instant created, Instant finished) {
        return new ReportOrder(new Report(id, "t", ReportType.SUMMARY, state, 0.5, 10, false, created, finished, "admin", ALL, null),
                Set.of(), null);
    }

    @Test
    void aReportRunningAtTheCrashIsFailedQueuedOnesRunAndExpiredOnesArePurged() throws Exception {
        Instant now = Instant.now();
        Path reports = dir.resolve("reports");
        String running = "11111111-1111-1111-1111-111111111111";
        String queued = "22222222-2222-2222-2222-222222222222";
        String old = "33333333-3333-3333-3333-333333333333";
        JsonFiles.write(reports.resolve(running + ".json"), order(running, ReportState.RUNNING, now, null));
        Files.writeString(reports.resolve(running + ".csv.part"), "Received\r\n");
        JsonFiles.write(reports.resolve(queued + ".json"), order(queued, ReportState.QUEUED, now, null));
        JsonFiles.write(reports.resolve(old + ".json"), order(old, ReportState.DONE, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(31))));
        Files.writeString(reports.resolve(old + ".csv"), "Received\r\n");
        try (TraceStore store = TraceStores.open("lucene", dir, false);
             ReportService s = new ReportService(dir, store, JobSettings.defaults(), new WebhookTargets(java.util.List.of()), Clock.systemUTC(),
                     (c, scope) -> TraceQuery.builder().scopeDomains(scope).build())) {
            Report failed = s.find(running).orElseThrow();
            assertThat(failed.state()).isEqualTo(ReportState.FAILED);
            assertThat(failed.error()).isEqualTo(ReportService.INTERRUPTED);
            assertThat(reports.resolve(running + ".csv.part")).doesNotExist();
            assertThat(s.find(old)).isEmpty();
            assertThat(reports.resolve(old + ".csv")).doesNotExist();
            long until = System.currentTimeMillis() + 10_000;
            while (!s.find(queued).orElseThrow().state().finished() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(s.find(queued).orElseThrow().state()).isEqualTo(ReportState.DONE);
            assertThat(Files.readString(reports.resolve(queued + ".csv"))).startsWith("Received,SenderAddress");
        }
        // the state survives another restart as it was left
        try (TraceStore store = TraceStores.open("lucene", dir, false);
             ReportService s = new ReportService(dir, store, JobSettings.defaults(), new WebhookTargets(java.util.List.of()), Clock.systemUTC(),
                     (c, scope) -> TraceQuery.all())) {
            assertThat(s.find(running).orElseThrow().state()).isEqualTo(ReportState.FAILED);
            assertThat(s.find(queued).orElseThrow().state()).isEqualTo(ReportState.DONE);
        }
    }
}
