package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceFixtures;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * Issue 15: the OpenSearch store on a real 3-node cluster loses nothing and doubles nothing when a
 * data node is SIGKILLed in the middle of an ingest and again in the middle of a paged read. The
 * real-Postfix log of the end-to-end suite goes through the real pipeline into
 * {@code --store opensearch:URL1,URL2,URL3} (replicas 1, the default) and, the same way, into the
 * embedded Lucene store; the rows and traces must be the same. This test keeps the node behind the
 * first URL ({@code n1}) up, as it watches the cluster through it; the victim each time is the other
 * node that holds the trace index's primary, or else its replica. (Killing the node a client talks to,
 * and fail-over to the next URL, are in the CLI's {@code OpenSearchClusterKillResumeIT}.) And with
 * no replica, a read must fail, not return fewer rows, while a shard has no live copy.
 * docs/store-opensearch.md ("Tests") records what the cluster did.
 */
class OpenSearchClusterKillIT {
    private static final int NODES = 3;
    private static final int ENTRY = 0;
    private static final int COMMIT_EVERY_LINES = 10;
    private static final int PAGE = 3;
    /** After each commit: 192 lines in 10-line pieces make an ingest of about 15 s. */
    private static final long COMMIT_PAUSE_MILLIS = 600;
    private static final String PREFIX = "killit";

    private static OpenSearchCluster cluster;
    /** Why the cluster cannot run here (each test is then skipped), or null. */
    private static String unavailable;
    private static HealthLog health;
    /** The store's retry warnings (ClusterClient). */
    private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> RETRIES =
            new ch.qos.logback.core.read.ListAppender<>();

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        OpenSearchTestDistribution distribution = OpenSearchTestDistribution.fromSystemProperties("target/opensearch");
        Path dist = distribution.dist();
        unavailable = distribution.skipReason();
        if (unavailable != null) {
            System.err.println("[WARNING] OpenSearchClusterKillIT skipped: " + unavailable);
            return;
        }
        long t0 = System.nanoTime();
        cluster = OpenSearchCluster.start(dist, NODES);
        System.out.printf("[cluster-kill] %d nodes green after %.1f s%n", NODES, (System.nanoTime() - t0) / 1e9);
        health = HealthLog.start(cluster.node(ENTRY).url());
        RETRIES.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ClusterClient.class)).addAppender(RETRIES);
    }

    @BeforeEach
    void requireCluster() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void stopCluster() {
        if (health != null) {
            health.close();
            System.out.println("[cluster-kill] cluster health seen from n1:\n" + health.timeline());
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeKilledDuringIngestAndAgainDuringSearchLosesAndDoublesNoRow(@TempDir Path tmp) throws Exception {
        List<String> pieces = pieces(logFile(), tmp.resolve("pieces"));
        RETRIES.list.clear(); // this test's retries only

        List<TraceRow> expected;
        Map<String, MessageTrace> expectedTraces;
        try (TraceStore lucene = TraceStores.open("lucene", tmp.resolve("lucene"), false)) {
            int commits = ingest(lucene, pieces, n -> { });
            expected = readAll(lucene, i -> { });
            System.out.printf("[cluster-kill] lucene: %d commits, %d rows%n", commits, expected.size());
            expectedTraces = traces(lucene, expected);
        }
        assertThat(expected).as("rows of the embedded store").hasSizeGreaterThan(20);

        String urls = java.util.stream.IntStream.range(0, NODES).mapToObj(i -> cluster.node(i).url().toString())
                .collect(Collectors.joining(","));
        StoreLocation location = StoreLocation.parse("opensearch:" + urls);
        ClusterClient admin = new ClusterClient(OpenSearchSettings.of(cluster.node(ENTRY).url()));

        // Ingest: kill after the 3rd commit (the trace index exists by then), start it again after the 6th.
        List<Long> commitTimes = new ArrayList<>();
        AtomicInteger victim = new AtomicInteger(-1);
        List<CompletableFuture<Void>> restarts = new ArrayList<>();
        int commits;
        long ingestStart = System.nanoTime();
        try (TraceStore os = TraceStores.open(location, StoreOptions.of(false).withIndexPrefix(PREFIX))) {
            commits = ingest(os, pieces, n -> {
                commitTimes.add(System.nanoTime());
                if (n == 3) {
                    victim.set(victim(admin, PREFIX));
                    killNow(victim.get(), "ingest, after commit " + n);
                } else if (n == 6) {
                    restarts.add(restartInBackground(victim.get()));
                }
                pause(COMMIT_PAUSE_MILLIS);
            });
        }
        System.out.printf("[cluster-kill] opensearch ingest: %d commits in %.1f s, at %s s%n", commits,
                (System.nanoTime() - ingestStart) / 1e9, commitTimes.stream()
                        .map(t -> String.format("%.1f", (t - ingestStart) / 1e9)).collect(Collectors.joining(", ")));
        assertThat(victim.get()).as("a node was killed during ingest").isPositive();
        assertThat(commits).as("commits after the kill").isGreaterThan(3);
        restarts.forEach(CompletableFuture::join);
        long green = System.nanoTime();
        cluster.awaitGreen();
        System.out.printf("[cluster-kill] green %.1f s after the ingest and the restart ended%n", (System.nanoTime() - green) / 1e9);

        // Search: page through every row, killing a node after the 2nd page and starting it again after the 6th.
        List<TraceRow> actual;
        Map<String, MessageTrace> actualTraces;
        AtomicInteger searchVictim = new AtomicInteger(-1);
        List<CompletableFuture<Void>> searchRestarts = new ArrayList<>();
        try (TraceStore os = TraceStores.open(location, StoreOptions.of(true).withIndexPrefix(PREFIX))) {
            actual = readAll(os, page -> {
                if (page == 2) {
                    searchVictim.set(victim(admin, PREFIX));
                    killNow(searchVictim.get(), "search, after page " + page);
                } else if (page == 6) {
                    searchRestarts.add(restartInBackground(searchVictim.get()));
                }
                pause(300);
            });
            assertThat(searchVictim.get()).as("a node was killed during search").isPositive();
            actualTraces = traces(os, actual);
            searchRestarts.forEach(CompletableFuture::join);
            cluster.awaitGreen();
            assertThat(os.count(TraceQuery.all())).as("row count once green").isEqualTo(expected.size());
            assertThat(readAll(os, i -> { })).as("rows read again once green").containsExactlyInAnyOrderElementsOf(expected);
        }

        System.out.println("[cluster-kill] the store's retries: " + RETRIES.list.size()
                + RETRIES.list.stream().map(e -> "\n  " + e.getFormattedMessage()).collect(Collectors.joining()));

        assertThat(keys(actual)).as("no row twice").doesNotHaveDuplicates();
        assertThat(actual).as("rows read while a node was down").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actualTraces).as("each trace as the embedded store holds it").isEqualTo(expectedTraces);
        assertThat(admin.expectOk("GET", "/_cluster/health", null).path("status").asText()).isEqualTo("green");
        assertThat(admin.expectOk("GET", "/_cluster/health", null).path("number_of_nodes").asInt()).isEqualTo(NODES);
    }

    @Test
    void aSearchFailsRatherThanMissRowsWhileAShardHasNoLiveCopy() throws Exception {
        // No replicas: killing a node that holds a primary leaves that shard without any copy (red).
        OpenSearchSettings settings = OpenSearchSettings.of(cluster.node(ENTRY).url().toString(),
                Map.of("index-prefix", "redit", "shards", "3", "replicas", "0", "retries", "2"));
        ClusterClient admin = new ClusterClient(settings);
        int victim = -1;
        try (OpenSearchTraceStore store = OpenSearchTraceStore.open(settings, false)) {
            List<MessageTrace> traces = java.util.stream.IntStream.range(0, 30)
                    .mapToObj(i -> TraceFixtures.trace("red-" + i).received(TraceFixtures.T0.plusSeconds(i)).build()).toList();
            store.commit(traces, List.of(), null);
            List<TraceRow> all = readAll(store, i -> { });
            assertThat(all).hasSize(traces.stream().mapToInt(t -> t.rows().size()).sum());

            victim = victim(admin, "redit");
            killNow(victim, "a read of an index without replicas");
            assertThatThrownBy(() -> readAll(store, i -> { })).as("a page search while a shard is lost")
                    .isInstanceOf(StoreException.class).hasMessageContaining("shards").hasMessageContaining("_cluster/health");
            assertThatThrownBy(() -> store.count(TraceQuery.all())).as("a count while a shard is lost")
                    .isInstanceOf(StoreException.class).hasMessageContaining("shards");

            long back = System.nanoTime();
            restartNow(victim);
            System.out.printf("[cluster-kill] red index green again %.1f s after the restart%n", (System.nanoTime() - back) / 1e9);
            assertThat(readAll(store, i -> { })).as("rows once the node is back (its disk kept them)")
                    .containsExactlyInAnyOrderElementsOf(all);
        } finally {
            if (victim >= 0 && !cluster.node(victim).alive()) {
                restartNow(victim); // the other test needs all three nodes
            }
            admin.send("DELETE", "/redit-*", null);
            admin.send("DELETE", "/_index_template/redit-traces", null);
        }
    }

    /** Ingests the pieces in order as one run (a commit at the end of each); returns the commit count. */
    private static int ingest(TraceStore store, List<String> pieces, IntConsumer afterCommit) throws IOException {
        LineFormat format = Formats.byName("postfix");
        // As golden.properties of postfix-e2e says: year 2026, UTC, the lab's domain and network.
        IngestSettings settings = new IngestSettings(format.name(), 2026, ZoneOffset.UTC,
                new CorrelationSettings(Set.of("example.test"), List.of("127.0.0.2/32"),
                        CorrelationSettings.defaults().idleLimit()),
                COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        IngestPipeline pipeline = new IngestPipeline(store, format, settings, ProgressListener.NONE, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0]));
        pipeline.durableCommitInterval(Duration.ZERO);
        AtomicInteger commits = new AtomicInteger();
        pipeline.onCommit(changes -> afterCommit.accept(commits.incrementAndGet()));
        pipeline.run(pieces);
        return commits.get();
    }

    /** Every row, page by page in small pages; {@code afterPage} runs after each page (1-based). */
    private static List<TraceRow> readAll(TraceStore store, IntConsumer afterPage) {
        List<TraceRow> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TracePage page = store.search(TraceQuery.all(), cursor, PAGE);
            rows.addAll(page.rows());
            cursor = page.next();
            afterPage.accept(++pages);
        } while (cursor != null);
        return rows;
    }

    private static Map<String, MessageTrace> traces(TraceStore store, List<TraceRow> rows) {
        Map<String, MessageTrace> out = new java.util.TreeMap<>();
        for (String id : rows.stream().map(TraceRow::messageTraceId).collect(Collectors.toCollection(LinkedHashSet::new))) {
            out.put(id, store.get(id).orElse(null));
        }
        return out;
    }

    private static List<String> keys(List<TraceRow> rows) {
        return rows.stream().map(r -> r.messageTraceId() + " " + r.recipientAddress()).toList();
    }

    /**
     * The node to kill: not the store's entry node, and holding the primary of a trace index (else a
     * replica), so its death forces a promotion or at least loses a copy.
     */
    private static int victim(ClusterClient admin, String prefix) {
        JsonNode shards = admin.expectOk("GET", "/_cat/shards/" + prefix + "-traces-*?format=json&h=index,shard,prirep,state,node", null);
        System.out.println("[cluster-kill] shards: " + shards);
        Set<String> primaries = new HashSet<>();
        Set<String> replicas = new HashSet<>();
        for (JsonNode s : shards) {
            ("p".equals(s.path("prirep").asText()) ? primaries : replicas).add(s.path("node").asText());
        }
        for (Set<String> holders : List.of(primaries, replicas)) {
            for (int i = 0; i < NODES; i++) {
                if (i != ENTRY && holders.contains(cluster.node(i).name())) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no node but the entry node holds a copy of " + prefix + "-traces-*: " + shards);
    }

    private static void killNow(int i, String when) {
        try {
            OpenSearchNode n = cluster.node(i);
            long pid = n.pid();
            String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
            cluster.kill(i);
            health.mark("SIGKILL " + n.name() + " (pid " + pid + ", " + command + ") during " + when);
            System.out.printf("[cluster-kill] SIGKILL %s (pid %d, %s) during %s%n", n.name(), pid, command, when);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void restartNow(int i) throws IOException, InterruptedException {
        health.mark("restart " + cluster.node(i).name());
        cluster.restart(i);
        cluster.awaitGreen();
    }

    private static CompletableFuture<Void> restartInBackground(int i) {
        health.mark("restart " + cluster.node(i).name());
        return CompletableFuture.runAsync(() -> {
            try {
                cluster.restart(i);
                health.mark(cluster.node(i).name() + " answers again");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The log cut into files of {@link #COMMIT_EVERY_LINES} lines, read in order like a rotated log:
     * a batch run commits durably at the end of each source, but within one source at most every ten
     * times its last commit's cost (seconds on a cluster), which would leave a 192-line log with
     * about three commits.
     */
    private static List<String> pieces(Path log, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += COMMIT_EVERY_LINES) {
            Path piece = dir.resolve(String.format("maillog.%03d", out.size()));
            Files.write(piece, lines.subList(from, Math.min(lines.size(), from + COMMIT_EVERY_LINES)), StandardCharsets.UTF_8);
            out.add(piece.toString());
        }
        return out;
    }

    private static Path logFile() {
        Path root = Path.of(System.getProperty("mailtrace.project.root", ".."));
        Path log = root.resolve("mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
        if (!Files.isRegularFile(log)) {
            throw new IllegalStateException(log.toAbsolutePath() + ": the real-Postfix e2e log is missing; run from the "
                    + "repository (mailtrace.project.root is set by the root pom)");
        }
        return log;
    }
}
