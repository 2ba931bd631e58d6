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
import java.util.TreeMap;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * What the kill-resume tests ({@link KillResumeIT}, {@link OpenSearchKillResumeIT},
 * {@link OpenSearchClusterKillResumeIT}) share, whatever the store: the synthetic log they ingest, the
 * two views by which a store that survived kills must equal one uninterrupted run, and how a test sees
 * an OpenSearch ingest's progress. One place, so every store is held to the same comparison.
 */
final class KillResume {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KillResume() {
    }

    /** The synthetic Postfix log of {@code messages} messages (seed 7, retries up to 3 hours later), drained to the end. */
    static void writeLog(Path log, int messages) throws IOException {
        SyntheticMailLog gen = new SyntheticMailLog(7, 3 * 3600);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            all.addAll(gen.nextLines());
        }
        all.addAll(gen.drain());
        Files.write(log, all, StandardCharsets.UTF_8);
    }

    /**
     * {@code trace --output json} of everything, each row as canonical JSON, sorted.
     *
     * @param storeOption how {@code trace} names the store, e.g. {@code "--data", dir} or {@code "--store", location}
     */
    static List<String> sortedRows(String... storeOption) throws IOException {
        List<String> args = new ArrayList<>(List.of("trace"));
        args.addAll(List.of(storeOption));
        args.addAll(List.of("--output", "json", "--limit", "10000000"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> rows = new ArrayList<>();
        for (JsonNode row : TraceJson.mapper().readTree(run.out())) {
            rows.add(row.toString());
        }
        rows.sort(null);
        assertThat(rows).isNotEmpty();
        return rows;
    }

    /** Every trace with all its events, as JSON, by trace ID. */
    static TreeMap<String, String> details(TraceStore store) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        for (TraceRow row : store.search(TraceQuery.all(), null, 10_000_000).rows()) {
            if (!out.containsKey(row.messageTraceId())) {
                out.put(row.messageTraceId(), TraceJson.mapper().writeValueAsString(store.get(row.messageTraceId()).orElseThrow()));
            }
        }
        return out;
    }

    /** Every trace with all its events, as JSON, by trace ID, of the store at {@code location} (e.g. {@code lucene:DIR}). */
    static TreeMap<String, String> details(String location) throws IOException {
        try (TraceStore s = openReadOnly(location)) {
            return details(s);
        }
    }

    /** The rows in the store at {@code location}; 0 for an embedded store that was never created. */
    static long rowCount(String location) {
        if (location.startsWith("lucene:") && !Files.isDirectory(Path.of(location.substring("lucene:".length())))) {
            return 0;
        }
        try (TraceStore s = openReadOnly(location)) {
            return s.count(TraceQuery.all());
        }
    }

    private static TraceStore openReadOnly(String location) {
        return TraceStores.open(StoreLocation.parse(location), StoreOptions.of(true));
    }

    /**
     * The generation of the OpenSearch ingest's checkpoint ({@code mailtrace-state/_doc/checkpoint}, the
     * default prefix and no writer name), asked of the first of {@code nodes} that answers: 0 before the
     * first commit, -1 when no node answered (a killed node is skipped like the store skips it).
     */
    static long checkpointGeneration(List<URI> nodes) throws IOException, InterruptedException {
        for (URI node : nodes) {
            HttpResponse<String> r;
            try {
                r = HTTP.send(HttpRequest.newBuilder(node.resolve("/mailtrace-state/_doc/checkpoint"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException down) {
                continue;
            }
            if (r.statusCode() == 404) {
                return 0;
            }
            if (r.statusCode() == 200) {
                return TraceJson.mapper().readTree(r.body()).path("_source").path("generation").asLong();
            }
        }
        return -1;
    }

    /**
     * Waits until the checkpoint's generation is past {@code before} (the ingest {@code p} committed),
     * {@code p} exits, or {@code wait} is over, whichever comes first.
     */
    static void awaitNextCheckpoint(List<URI> nodes, long before, Process p, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (p.isAlive() && checkpointGeneration(nodes) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
