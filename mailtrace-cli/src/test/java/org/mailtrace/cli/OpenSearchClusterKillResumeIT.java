package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.opensearch.OpenSearchCluster;
import org.mailtrace.store.opensearch.OpenSearchTestDistribution;

/**
 * Issue 15: the ingest process and an OpenSearch node die together, and nothing is lost or doubled.
 * On a real 3-node cluster, {@code mailtrace ingest --store opensearch:URL1,URL2,URL3} (a child JVM)
 * reads the real-Postfix log of the end-to-end suite, cut into files of a commit each. Two rounds:
 * the child and a node are SIGKILLed at the same moment, then the node while the child runs and the
 * child while the node is down; the ingest resumes with the node down (the store fails over to the
 * other URLs) while the node starts again on its data, and that run is SIGKILLed too; then the ingest
 * resumes once more. The last run goes to the end; then a node is killed again and everything is read
 * while it is down. The rows and every trace's detail must equal one uninterrupted run into the
 * embedded store on the same files. Skipped, saying why, without the node's jars; failed instead on
 * CI ({@link OpenSearchTestDistribution}). docs/store-opensearch.md ("Tests") records what a run did.
 */
class OpenSearchClusterKillResumeIT {
    private static final int NODES = 3;
    private static final int ROUNDS = 2;
    /**
     * Lines per piece of the log. Each piece is a file of its own and a batch ingest commits at the
     * end of each file, so the 192-line log makes 64 commits: long enough for every round's kills to
     * land in the middle of the ingest. (Within one file a batch run commits at most every ten times
     * its last commit's cost, which on a cluster would leave the whole log with a few commits.)
     */
    private static final int PIECE_LINES = 3;
    /** Longest wait for a child's next commit; a loaded 2-core machine with a node down can be slow. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<String> timeline = new ArrayList<>();
    private final long t0 = System.nanoTime();
    /** Every ingest child started, so none outlives a failed test (it would wait for the stopped cluster for ever). */
    private final List<Process> children = new ArrayList<>();

    @Test
    void ingestAndANodeKilledTogetherThenResumedEqualsAnEmbeddedStoreRun() throws Exception {
        OpenSearchTestDistribution distribution =
                OpenSearchTestDistribution.fromSystemProperties("../mailtrace-store-opensearch/target/opensearch");
        String unavailable = distribution.skipReason();
        Assumptions.assumeTrue(unavailable == null, unavailable);

        List<String> pieces = pieces(e2eLog(), dir.resolve("pieces"));
        String reference = "lucene:" + dir.resolve("reference");
        // The uninterrupted run while the cluster starts: both take tens of seconds on a loaded machine.
        CompletableFuture<CliRun> uninterrupted = CompletableFuture.supplyAsync(() -> CliRun.of(ingestArgs(reference, pieces)));
        long start = System.nanoTime();
        try (OpenSearchCluster cluster = OpenSearchCluster.start(distribution.dist(), NODES)) {
            mark("%d nodes green after %.1f s", NODES, (System.nanoTime() - start) / 1e9);
            CliRun referenceRun = uninterrupted.join();
            assertThat(referenceRun.exit()).as(referenceRun.err()).isZero();
            long total = KillResume.rowCount(reference);
            assertThat(total).as("rows of the embedded store").isGreaterThan(20);

            List<URI> urls = cluster.urls();
            String store = "opensearch:" + urls.stream().map(URI::toString).collect(Collectors.joining(","));
            Path childLog = dir.resolve("child.log");
            Random random = new Random(20261203);
            Kills kills = new Kills();
            List<Long> rowsAfterRounds = new ArrayList<>();
            try {
                mark("the ingest starts on %d nodes", NODES);
                Process ingest = startIngest(childLog, store, pieces);
                for (int round = 0; round < ROUNDS; round++) {
                    ingest = round(round, cluster, store, pieces, childLog, random, kills, ingest);
                    rowsAfterRounds.add(KillResume.rowCount(store));
                    mark("round %d over: %d of %d rows stored", round + 1, rowsAfterRounds.get(round), total);
                }

                assertThat(ingest.waitFor(300, TimeUnit.SECONDS)).as("the last run ends (a loaded CI machine is slow)").isTrue();
                assertThat(ingest.exitValue()).as(Files.readString(childLog)).isZero();
                mark("the last run completed, generation %s", generation(urls));

                assertThat(kills.completed).as("the ingest went on past every round (else make the pieces smaller)").isFalse();
                assertThat(kills.nodesDuringIngest).as("nodes killed while an ingest ran").isEqualTo(ROUNDS);
                assertThat(kills.ingests).as("ingests killed while they ran").isGreaterThanOrEqualTo(2 * ROUNDS - 1);
                assertThat(rowsAfterRounds.stream().filter(n -> n > 0 && n < total).count())
                        .as("rounds that left a partial store (rows after each: %s)", rowsAfterRounds).isGreaterThanOrEqualTo(1);

                // Searches with a node down: every row and every detail, through the other two nodes.
                List<String> expectedRows = KillResume.sortedRows("--store", reference);
                var expectedDetails = KillResume.details(reference);
                int victim = random.nextInt(NODES);
                kill(cluster, victim, "for the searches");
                List<String> rows = KillResume.sortedRows("--store", store);
                var details = KillResume.details(store);
                mark("read %d rows and %d traces with %s down", rows.size(), details.size(), cluster.node(victim).name());

                assertThat(rows).as("rows, read with a node down").hasSize((int) total).isEqualTo(expectedRows);
                assertThat(details).as("every trace's detail, read with a node down").isEqualTo(expectedDetails);
            } finally {
                children.forEach(Process::destroyForcibly);
                synchronized (timeline) {
                    System.out.println("[cluster-kill-resume] timeline:\n  " + String.join("\n  ", timeline));
                }
                System.out.println("[cluster-kill-resume] what the ingest runs said of the cluster:\n  "
                        + String.join("\n  ", storeWarnings(childLog)));
            }
        }
    }

    /** What the rounds did, for asserting that the kills landed where they were meant to. */
    private static final class Kills {
        int ingests;
        int nodesDuringIngest;
        /** A child ran to the end before it was killed: the log was all in too early. */
        boolean completed;
    }

    /**
     * One round, all nodes up and green at its start and end, {@code ingest} running all along. It
     * commits 1-3 more times; then even rounds SIGKILL it and the node holding a trace index's primary
     * (else the state index's) at the same moment, odd rounds kill the elected cluster manager and the
     * ingest 0.2-1 s later. The ingest resumes with the node down while the node starts again, and is
     * killed once more: after its next commit in even rounds, during its start (restoring the
     * checkpoint) in odd ones. Once the node answers the ingest resumes again; that run is the next
     * round's (or, after the last, runs to the end). Kills wait for commits, and the random moments
     * after them are short, so a fast machine does not run through the log in a round either.
     *
     * @return the ingest that runs on
     */
    private Process round(int round, OpenSearchCluster cluster, String store, List<String> pieces, Path childLog,
                          Random random, Kills kills, Process ingest) throws Exception {
        List<URI> urls = cluster.urls();
        long commits = 1 + random.nextInt(3);
        KillResume.awaitNextCheckpoint(urls, KillResume.checkpointGeneration(urls) + commits - 1, ingest, COMMIT_WAIT);
        Thread.sleep(random.nextInt(300));
        boolean together = round % 2 == 0;
        int victim = together ? primaryHolder(cluster) : clusterManager(cluster);
        mark("shard copies: %s", shardCopies(cluster));
        long beforeKill = KillResume.checkpointGeneration(urls);
        boolean running = ingest.isAlive();
        if (together) {
            ingest.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
            kill(cluster, victim, "at the same moment as the ingest");
            killed(ingest, running, "at the same moment", kills);
        } else {
            kill(cluster, victim, "while the ingest runs");
            Thread.sleep(200 + random.nextInt(800));
            killed(ingest, ingest.isAlive(), "while the node is down", kills);
        }
        kills.nodesDuringIngest += running ? 1 : 0;

        mark("the ingest resumes with %s down, generation %s", cluster.node(victim).name(), generation(urls));
        Process resumed = startIngest(childLog, store, pieces);
        CompletableFuture<Void> restart = restartInBackground(cluster, victim);
        if (together) {
            // Past the generation at the kill: with the state index's only live copy on the killed node
            // (its replica not started yet), no node answers for the checkpoint until the node is back.
            long base = Math.max(beforeKill, KillResume.checkpointGeneration(urls));
            KillResume.awaitNextCheckpoint(urls, base, resumed, COMMIT_WAIT);
            long now = KillResume.checkpointGeneration(urls);
            mark(now > base ? "it committed, generation %2$d" : "no commit of it within %s (generation %s)", COMMIT_WAIT, now);
            Thread.sleep(random.nextInt(300));
        } else {
            Thread.sleep(100 + random.nextInt(1400));
        }
        killed(resumed, resumed.isAlive(), restart.isDone() ? "after the node is back" : "while the node starts again", kills);

        // Started once the node answers, not before: while the cluster recovers a fast machine would
        // otherwise ingest much of the log between two rounds.
        restart.join();
        mark("the ingest resumes");
        Process next = startIngest(childLog, store, pieces);
        cluster.awaitGreen();
        mark("%s back, green", cluster.node(victim).name());
        return next;
    }

    /** Starts {@code mailtrace ingest} of the pieces into {@code store} as a child JVM, output appended to {@code childLog}. */
    private Process startIngest(Path childLog, String store, List<String> pieces) throws IOException {
        Process p = ChildCli.start(childLog, ingestArgs(store, pieces));
        children.add(p);
        return p;
    }

    /** SIGKILLs the ingest {@code p} (again: no harm) and waits until it is gone; {@code running}: it ran until then. */
    private void killed(Process p, boolean running, String when, Kills kills) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("a killed ingest exits").isTrue();
        if (running) {
            kills.ingests++;
            mark("SIGKILL the ingest %s", when);
        } else {
            kills.completed |= p.exitValue() == 0;
            mark("the ingest had ended before its kill %s: exit %d", when, p.exitValue());
        }
    }

    private CompletableFuture<Void> restartInBackground(OpenSearchCluster cluster, int victim) {
        mark("restarting %s", cluster.node(victim).name());
        return CompletableFuture.runAsync(() -> {
            try {
                cluster.restart(victim);
                mark("%s answers again", cluster.node(victim).name());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String generation(List<URI> urls) throws IOException, InterruptedException {
        long g = KillResume.checkpointGeneration(urls);
        return g < 0 ? "unknown (no node answered GET of the checkpoint)" : Long.toString(g);
    }

    /** The ingest runs' fail-over, retry and waiting warnings and their errors, at most 40, and how many there were. */
    private static List<String> storeWarnings(Path childLog) throws IOException {
        if (!Files.exists(childLog)) {
            return List.of("(no ingest ran)");
        }
        List<String> all = Files.readAllLines(childLog, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("OpenSearch") && l.contains("WARN") || l.contains("ERROR") || l.startsWith("ingest: "))
                .toList();
        List<String> out = new ArrayList<>(all.subList(0, Math.min(40, all.size())));
        out.add(all.size() + " such lines in all");
        return out;
    }

    private void kill(OpenSearchCluster cluster, int victim, String when) throws InterruptedException {
        cluster.kill(victim);
        mark("SIGKILL %s %s", cluster.node(victim).name(), when);
    }

    /**
     * The node holding the primary of a daily trace index, or else (no message has been completed yet,
     * so no trace index exists) of the state index, where the checkpoint is written.
     */
    private static int primaryHolder(OpenSearchCluster cluster) throws IOException, InterruptedException {
        JsonNode shards = get(cluster, "/_cat/shards/mailtrace-*?format=json&h=index,shard,prirep,node");
        for (String index : List.of("mailtrace-traces-", "mailtrace-state")) {
            for (JsonNode shard : shards) {
                if (shard.path("index").asText().startsWith(index) && "p".equals(shard.path("prirep").asText())) {
                    return nodeNamed(cluster, shard.path("node").asText());
                }
            }
        }
        throw new IllegalStateException("no primary of a trace or the state index assigned after the ingest's first commit: "
                + shards);
    }

    /** Each shard copy of the store's indices as {@code index/shard p|r STATE node}, for the timeline. */
    private static String shardCopies(OpenSearchCluster cluster) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode c : get(cluster, "/_cat/shards/mailtrace-*?format=json&h=index,shard,prirep,state,node")) {
            out.add(c.path("index").asText() + "/" + c.path("shard").asText() + " " + c.path("prirep").asText() + " "
                    + c.path("state").asText() + " " + c.path("node").asText());
        }
        return String.join(", ", out);
    }

    /** The elected cluster manager: killing it makes the other two elect one while the ingest writes. */
    private static int clusterManager(OpenSearchCluster cluster) throws IOException, InterruptedException {
        return nodeNamed(cluster, get(cluster, "/_cat/cluster_manager?format=json&h=node").path(0).path("node").asText());
    }

    private static int nodeNamed(OpenSearchCluster cluster, String name) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.node(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no node of the cluster is named '" + name + "'");
    }

    /** A GET answered 200 by the first node (every node is up when it is asked). */
    private static JsonNode get(OpenSearchCluster cluster, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cluster.node(0).url().resolve(path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return TraceJson.mapper().readTree(r.body());
    }

    private void mark(String format, Object... args) {
        String line = String.format("%6.1f s  ", (System.nanoTime() - t0) / 1e9) + String.format(format, args);
        synchronized (timeline) {
            timeline.add(line);
        }
        System.out.println("[cluster-kill-resume] " + line);
    }

    /** The CLI of the end-to-end suite's golden.properties: year 2026, UTC, the lab's domain and network. */
    private static String[] ingestArgs(String store, List<String> pieces) {
        List<String> args = new ArrayList<>(List.of("ingest", "--store", store, "--year", "2026", "--timezone", "UTC",
                "--accepted-domain", "example.test", "--trusted-network", "127.0.0.2/32", "--commit-interval", "1ms",
                "--output", "json"));
        args.addAll(pieces);
        return args.toArray(String[]::new);
    }

    /** The log cut into files of {@link #PIECE_LINES} lines, given to the ingest in order like a rotated log. */
    private static List<String> pieces(Path log, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += PIECE_LINES) {
            Path piece = into.resolve(String.format("maillog.%03d", out.size()));
            Files.write(piece, lines.subList(from, Math.min(lines.size(), from + PIECE_LINES)), StandardCharsets.UTF_8);
            out.add(piece.toString());
        }
        return out;
    }

    private static Path e2eLog() {
        Path log = Path.of(System.getProperty("mailtrace.project.root", ".."))
                .resolve("mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
        if (!Files.isRegularFile(log)) {
            throw new IllegalStateException(log.toAbsolutePath() + ": the real-Postfix e2e log is missing; run from the"
                    + " repository (mailtrace.project.root is set by the root pom)");
        }
        return log;
    }
}
