package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.FollowSettings;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;
import org.mailtrace.store.opensearch.OpenSearchSettings;
import org.mailtrace.store.opensearch.OpenSearchTraceStore;

/**
 * Live ingest of hosts apart: one follower per MTA host (each an {@link IngestPipeline} in this JVM
 * with its own store connection and writer name, as {@code mailtrace ingest --follow} runs it),
 * each following its host's log while the logs grow in turns, a time slice of the generated day at
 * a time. The followers commit open messages as they go, so both halves of a relayed message are
 * stored in several versions and joined from different ones at the same moments; at the end the
 * store holds the rows, trace IDs included, of one pipeline reading the whole log. Followers in one
 * JVM rather than {@code mailtrace ingest --follow} processes: the same pipeline and store code, and
 * no packaged CLI needed. Timing decides whether a join built from older records lands after a newer
 * one here (with last-writer-wins writes this test passed too, the look-ups after each commit
 * repairing it); that case itself is forced in {@code HopJoinTest}, {@code TraceStoreContract} and
 * {@code OpenSearchTraceStoreTest}.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class HostsFollowedApartOpenSearchIT {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final int SLICES = 12;
    private final Set<String> prefixes = new LinkedHashSet<>();

    @Test
    void hostsFollowedApartWhileTheirLogsGrowInTurnsEndWithTheRowsOfOneWriter(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mail.log");
        GeneratedLog generated = LogGenerator.generate(new LogGenerator.Options(600, 5, LogGenerator.DEFAULT_DAY, 10), log);
        assertThat(generated.byKind().get("relayed")).isGreaterThan(20L);
        List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);

        List<TraceRow> oneWriter;
        try (TraceStore store = open(prefix(), null)) {
            HostsApart.pipeline(store, 2_000).run(List.of(log.toString()));
            oneWriter = HostsApart.allRows(store);
        }
        assertThat(oneWriter).filteredOn(r -> r.hosts().size() > 1).hasSizeGreaterThan(20);

        Map<String, List<String>> byHost = new TreeMap<>();
        for (String line : lines) {
            byHost.computeIfAbsent(host(line), h -> new ArrayList<>()).add(line);
        }
        Path hosts = Files.createDirectories(dir.resolve("hosts"));
        Map<String, Path> files = new TreeMap<>();
        for (String host : byHost.keySet()) {
            files.put(host, Files.createFile(hosts.resolve(host + ".log")));
        }

        String prefix = prefix();
        FollowSettings follow = new FollowSettings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1),
                FollowSettings.DEFAULT_PURGE_EVERY);
        Map<String, IngestPipeline> followers = new TreeMap<>();
        List<TraceStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(files.size());
        List<Future<?>> running = new ArrayList<>();
        try {
            for (var e : files.entrySet()) {
                TraceStore store = open(prefix, e.getKey());
                stores.add(store);
                IngestPipeline p = HostsApart.pipeline(store, 2_000);
                p.joinHopsThroughStore();
                followers.put(e.getKey(), p);
                running.add(pool.submit(() -> p.follow(List.of(e.getValue().toString()), follow)));
            }
            // The logs grow in turns: each slice of the day is appended host by host, with pauses in
            // which the followers read and commit what is open.
            int per = (lines.size() + SLICES - 1) / SLICES;
            for (int from = 0; from < lines.size(); from += per) {
                List<String> slice = lines.subList(from, Math.min(lines.size(), from + per));
                for (String host : files.keySet()) {
                    List<String> mine = slice.stream().filter(l -> host(l).equals(host)).toList();
                    Files.write(files.get(host), mine, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
                    Thread.sleep(150);
                }
            }
            for (var e : followers.entrySet()) {
                List<String> mine = byHost.get(e.getKey());
                awaitRead(e.getValue(), mine.get(mine.size() - 1));
            }
            followers.values().forEach(IngestPipeline::stop);
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            followers.values().forEach(IngestPipeline::stop);
            pool.shutdownNow();
            stores.forEach(TraceStore::close);
        }

        assertThat(rowsOf(prefix)).as("hosts followed apart while their logs grew in turns").isEqualTo(oneWriter);
    }

    /** Waits until the follower has read its host's last line (its newest log time is that line's). */
    private static void awaitRead(IngestPipeline p, String lastLine) throws InterruptedException {
        String stamp = lastLine.substring(0, 15);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            var newest = p.newestLine();
            if (newest != null && java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(newest).equals(stamp)) {
                Thread.sleep(500); // the rest of that second's lines
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the follower did not read up to '" + lastLine + "' within 2 minutes; newest: " + p.newestLine());
    }

    private static String host(String line) {
        return line.substring(16, line.indexOf(' ', 16));
    }

    private String prefix() {
        String p = "mt-follow-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
        prefixes.add(p);
        return p;
    }

    private static TraceStore open(String prefix, String writer) {
        OpenSearchSettings s = OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
        return OpenSearchTraceStore.open(s, false, writer);
    }

    private static List<TraceRow> rowsOf(String prefix) {
        try (TraceStore store = open(prefix, null)) {
            return HostsApart.allRows(store);
        }
    }

    @AfterEach
    void dropIndices() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = OpenSearchNodeExtension.url();
        for (String p : prefixes) {
            http.send(HttpRequest.newBuilder(base.resolve("/" + p + "-traces-*," + p + "-state," + p + "-hops?ignore_unavailable=true"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(base.resolve("/_index_template/" + p + "-traces")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
