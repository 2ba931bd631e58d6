package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.opensearch.OpenSearchNode;
import org.mailtrace.store.opensearch.OpenSearchTestDistribution;

/**
 * Crash safety of ingest into OpenSearch, end to end, as {@link KillResumeIT} for the embedded store:
 * {@code kill -9} of a real {@code mailtrace ingest --store opensearch:URL} process at random moments
 * against a real OpenSearch node, then the same command again until it completes, must give exactly
 * the rows and trace details of one uninterrupted run into the embedded store on the same log: nothing
 * lost (a commit's documents written before its checkpoint is) and nothing doubled (deterministic
 * document IDs, so the lines re-read after the last checkpoint overwrite what they wrote before).
 * Skipped, saying why, without the node's jars (see docs/store-opensearch.md, "Tests").
 */
class OpenSearchKillResumeIT {
    private static final int KILLS = 6;
    private static final int MESSAGES = 1_500;
    /** Longest wait for a child to make its next commit before it is killed anyway. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void killNineOfAnIngestIntoOpenSearchThenResumingEqualsAnEmbeddedStoreRun() throws Exception {
        OpenSearchTestDistribution distribution =
                OpenSearchTestDistribution.fromSystemProperties("../mailtrace-store-opensearch/target/opensearch");
        Path dist = distribution.dist();
        String unavailable = distribution.skipReason();
        Assumptions.assumeTrue(unavailable == null, unavailable);

        Path log = dir.resolve("mail.log");
        KillResume.writeLog(log, MESSAGES);
        Path reference = dir.resolve("reference");
        CliRun uninterrupted = CliRun.of(ingestArgs("lucene:" + reference, log));
        assertThat(uninterrupted.exit()).as(uninterrupted.err()).isZero();

        long total = KillResume.rowCount("lucene:" + reference);
        long t0 = System.nanoTime();
        try (OpenSearchNode node = OpenSearchNode.start(dist)) {
            System.out.printf("[os-kill-resume] node up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String store = "opensearch:" + node.url();
            Path childLog = dir.resolve("child.log");
            Random random = new Random(20261203);
            int kills = 0;
            TreeSet<Long> rowCountsAfterKills = new TreeSet<>();
            long started = System.nanoTime();
            // Go on past KILLS until two kills have left different partial stores: on a loaded machine
            // a child may be killed before its first commit several times in a row.
            for (int attempt = 0; (kills < KILLS || rowCountsAfterKills.subSet(1L, total).size() < 2) && attempt < 40; attempt++) {
                Process p = ChildCli.start(childLog, ingestArgs(store, log));
                if (attempt % 2 == 1) {
                    // Every other kill lands 100-1500 ms after this run's next checkpoint, so runs make
                    // progress on a slow, busy machine; the others 100-1500 ms after launch.
                    List<URI> nodes = List.of(node.url());
                    KillResume.awaitNextCheckpoint(nodes, KillResume.checkpointGeneration(nodes), p, COMMIT_WAIT);
                }
                Thread.sleep(100 + random.nextInt(1401));
                if (p.isAlive()) {
                    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
                    kills++;
                }
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                rowCountsAfterKills.add(KillResume.rowCount(store));
            }
            System.out.printf("[os-kill-resume] %d kills in %.1f s; rows after each: %s%n", kills,
                    (System.nanoTime() - started) / 1e9, rowCountsAfterKills);
            assertThat(kills).as("kills delivered while ingest ran").isGreaterThanOrEqualTo(KILLS);
            long resumed = System.nanoTime();
            Process last = ChildCli.start(childLog, ingestArgs(store, log));
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the resuming run ends (a loaded CI machine is slow)").isTrue();
            assertThat(last.exitValue()).as(Files.readString(childLog)).isZero();
            System.out.printf("[os-kill-resume] the last run completed in %.1f s%n", (System.nanoTime() - resumed) / 1e9);

            assertThat(rowCountsAfterKills.subSet(1L, total))
                    .as("kills landed between commits, with partial stores in between")
                    .hasSizeGreaterThanOrEqualTo(2);
            List<String> rows = KillResume.sortedRows("--store", store);
            assertThat(rows).hasSize((int) total);
            assertThat(rows).isEqualTo(KillResume.sortedRows("--store", "lucene:" + reference));
            assertThat(KillResume.details(store)).isEqualTo(KillResume.details("lucene:" + reference));
        }
    }

    private static String[] ingestArgs(String store, Path log) {
        return new String[] {"ingest", "--store", store, "--year", "2025", "--timezone", "UTC",
                "--commit-every", "2000", "--commit-interval", "1ms", "--output", "json", log.toString()};
    }
}
