package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.server.report.ClusterReportJobs;
import org.mailtrace.server.report.Report;
import org.mailtrace.server.report.ReportOrder;
import org.mailtrace.server.report.ReportState;
import org.mailtrace.server.report.ReportType;
import org.mailtrace.server.savedquery.SearchCriteria;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.state.StateStores;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;

/**
 * The {@code ReportJobs} contract of {@link ClusterReportJobs} on a real OpenSearch node, with two
 * instances standing for two servers (here because this module sees both mailtrace-server and the
 * node of mailtrace-store-opensearch's test jar).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class ClusterReportJobsIT {
    private static final SearchCriteria ALL = new SearchCriteria(null, null, null, null, null, null, null, null, null, null, null, null);

    @TempDir
    Path tmp;

    private final String prefix = "rjobs-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    private StateDocuments documents() {
        return StateStores.open(new StoreLocation("opensearch", OpenSearchNodeExtension.url().toString()),
                StoreOptions.of(false).withIndexPrefix(prefix)).orElseThrow();
    }

    private static ReportOrder queued() {
        return new ReportOrder(new Report(UUID.randomUUID().toString(), "t", ReportType.SUMMARY, ReportState.QUEUED, 0, 0, false,
                Instant.now(), null, "admin", ALL, null), Set.of("example.test"), null);
    }

    @Test
    void oneServerWinsAClaimAndALapsedOneIsTakenOverWhileTheOldHolderLearnsItLostIt() throws Exception {
        // A's clock runs 60 s behind: each lease it writes has lapsed already by B's clock, as a dead server's would.
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60));
        try (StateDocuments da = documents(); StateDocuments db = documents(); StateDocuments dc = documents();
             ClusterReportJobs b = new ClusterReportJobs(db, tmp, Clock.systemUTC(), Duration.ofSeconds(20));
             ClusterReportJobs c = new ClusterReportJobs(dc, tmp, Clock.systemUTC(), Duration.ofSeconds(20))) {
            ReportOrder live = queued();
            b.add(live);
            assertThat(c.find(live.report().id())).contains(live);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Boolean> byB = pool.submit(() -> b.claim(live.report().id()));
            Future<Boolean> byC = pool.submit(() -> c.claim(live.report().id()));
            assertThat(List.of(byB.get(), byC.get())).as("exactly one of two racing claims wins").containsExactlyInAnyOrder(true, false);
            pool.shutdown();

            ReportOrder orphan = queued();
            try (ClusterReportJobs a = new ClusterReportJobs(da, tmp, behind, Duration.ofSeconds(2))) {
                a.add(orphan);
                assertThat(a.claim(orphan.report().id())).isTrue();
                assertThat(a.stillMine(orphan.report().id())).isTrue();
                // A still renews (every 500 ms), as a server whose clock is wrong would: a renewal landing between
                // B's read and B's versioned replace makes that one attempt lose, so B tries again as the
                // server's job poller does.
                long claimUntil = System.currentTimeMillis() + 10_000;
                boolean taken = b.claim(orphan.report().id());
                while (!taken && System.currentTimeMillis() < claimUntil) {
                    Thread.sleep(100);
                    taken = b.claim(orphan.report().id());
                }
                assertThat(taken).as("a lapsed claim is taken over").isTrue();
                assertThat(c.claim(orphan.report().id())).as("but by one server only").isFalse();
                long until = System.currentTimeMillis() + 10_000;
                while (a.stillMine(orphan.report().id()) && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
                assertThat(a.stillMine(orphan.report().id())).as("the old holder's renewal fails, so it stops").isFalse();
                assertThat(a.update(orphan, true)).isTrue(); // the job itself still exists
            }
            assertThat(b.stillMine(orphan.report().id())).isTrue();
        }
    }

    @Test
    void theCsvIsKeptInPartsReadBackWholeOnAnotherServerAndDeletedWithTheJob() throws Exception {
        try (StateDocuments da = documents(); StateDocuments db = documents();
             ClusterReportJobs a = new ClusterReportJobs(da, tmp, Clock.systemUTC(), Duration.ofSeconds(20));
             ClusterReportJobs b = new ClusterReportJobs(db, tmp, Clock.systemUTC(), Duration.ofSeconds(20))) {
            ReportOrder o = queued();
            String id = o.report().id();
            a.add(o);
            assertThat(b.openCsv(id)).isEmpty();
            // 2.5 MiB of lines that do not compress to nothing: three parts.
            StringBuilder csv = new StringBuilder("Received,SenderAddress\r\n");
            Random random = new Random(7);
            while (csv.length() < 2_600_000) {
                csv.append(Instant.ofEpochSecond(random.nextInt())).append(",u").append(random.nextLong()).append("@example.test\r\n");
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            Path partial = a.partialCsv(id);
            Files.write(partial, bytes);
            a.keepCsv(id, partial);
            assertThat(partial).doesNotExist();
            try (InputStream in = b.openCsv(id).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }

            List<Boolean> deleted = new ArrayList<>();
            deleted.add(b.delete(id));
            deleted.add(a.delete(id));
            assertThat(deleted).containsExactly(true, false);
            assertThat(a.find(id)).isEmpty();
            assertThat(a.openCsv(id)).isEmpty();
            assertThat(a.update(o, true)).as("an update never brings a deleted job back").isFalse();
            assertThat(b.find(id)).isEmpty();
        }
    }
}
