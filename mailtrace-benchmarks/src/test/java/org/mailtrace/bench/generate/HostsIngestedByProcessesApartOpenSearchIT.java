package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;
import org.mailtrace.store.opensearch.OpenSearchSettings;
import org.mailtrace.store.opensearch.OpenSearchTraceStore;

/**
 * Hosts ingested apart as in production: the generated day (messages relayed from the submission
 * host to the MX hosts by {@code queued as}) split by host, and each host's log read by its own
 * {@code mailtrace ingest --store opensearch:URL} process (a child JVM of the real CLI, its own
 * {@code MAILTRACE_STORE_WRITER}) into one real OpenSearch node. Whichever half of a relayed message
 * reaches the store first, the processes join it there: with all four processes at once, with the
 * submission host read completely before the MX hosts, and with the MX hosts read completely before
 * it, every row (trace IDs included) and the whole trace of every relayed message equal those of one
 * process reading the whole log into the embedded store. {@link HostsIngestedApartOpenSearchIT}
 * covers the same with the pipelines as threads of this JVM; this adds separate processes, the CLI's
 * options and environment, and the embedded store as the reference. Skipped, saying why, without
 * the node's jars (docs/store-opensearch.md, "Tests").
 */
@ExtendWith(OpenSearchNodeExtension.class)
class HostsIngestedByProcessesApartOpenSearchIT {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final int MINUTES = 3;
    private final Set<String> prefixes = new LinkedHashSet<>();

    @Test
    void oneIngestProcessPerHostInAnyArrivalOrderGivesTheRowsOfOneProcessIntoTheEmbeddedStore(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mail.log");
        GeneratedLog generated = LogGenerator.generate(new LogGenerator.Options(800, 5, LogGenerator.DEFAULT_DAY, 20), log);
        assertThat(generated.byKind().get("relayed")).isGreaterThan(50L);
        Map<String, Path> byHost = HostsApart.splitByHost(log, dir.resolve("hosts"));
        assertThat(byHost.keySet()).containsExactly("mx1", "mx2", "mx3", Cluster.SUBMISSION);
        List<String> mxHosts = List.of(Cluster.MX);

        long t0 = System.nanoTime();
        Path embedded = dir.resolve("embedded");
        IngestProcess.start("whole-log", dir, Map.of(), ingestArgs("lucene:" + embedded, log)).awaitSuccess(MINUTES);
        List<String> expectedRows;
        Map<String, String> expectedRelayed;
        try (TraceStore store = TraceStores.open("lucene", embedded, true)) {
            expectedRows = sortedRows(store);
            expectedRelayed = relayedTraces(store);
        }
        assertThat(expectedRows).hasSize((int) generated.recipients());
        assertThat(expectedRelayed).as("relayed messages joined into one trace each").hasSizeGreaterThan(50);
        System.out.printf("[hosts-processes] %d rows, %d relayed messages; the whole log into the embedded store in %.1f s%n",
                expectedRows.size(), expectedRelayed.size(), (System.nanoTime() - t0) / 1e9);

        List<List<String>> atOnce = List.of(List.of("mx1", "mx2", "mx3", Cluster.SUBMISSION));
        List<List<String>> relayFirst = List.of(List.of(Cluster.SUBMISSION), mxHosts);
        List<List<String>> mxFirst = List.of(mxHosts, List.of(Cluster.SUBMISSION));
        for (var order : List.of(Map.entry("all hosts at once", atOnce), Map.entry("the submission host before the MX hosts", relayFirst),
                Map.entry("the MX hosts before the submission host", mxFirst))) {
            long started = System.nanoTime();
            String prefix = prefix();
            for (List<String> wave : order.getValue()) {
                ingestAtOnce(dir, prefix, wave, byHost);
            }
            try (TraceStore store = open(prefix)) {
                assertThat(sortedRows(store)).as("every row, %s", order.getKey()).containsExactlyElementsOf(expectedRows);
                assertThat(relayedTraces(store)).as("the traces of relayed messages, %s", order.getKey()).isEqualTo(expectedRelayed);
            }
            System.out.printf("[hosts-processes] %s: ingested and compared in %.1f s%n", order.getKey(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** One ingest process per host of {@code hosts}, all running at once, into the store under {@code prefix}; returns when all ended. */
    private static void ingestAtOnce(Path dir, String prefix, List<String> hosts, Map<String, Path> byHost) throws Exception {
        List<IngestProcess> running = new ArrayList<>();
        try {
            for (String host : hosts) {
                Map<String, String> env = Map.of("MAILTRACE_STORE_WRITER", host, "MAILTRACE_STORE_INDEX_PREFIX", prefix,
                        "MAILTRACE_STORE_SHARDS", "2", "MAILTRACE_STORE_REPLICAS", "0");
                running.add(IngestProcess.start(prefix + "-" + host, dir, env,
                        ingestArgs("opensearch:" + OpenSearchNodeExtension.url(), byHost.get(host))));
            }
            for (IngestProcess p : running) {
                String out = p.awaitSuccess(MINUTES);
                JsonNode summary = TraceJson.mapper().readTree(out.substring(out.indexOf("\n{") + 1));
                System.out.printf("[hosts-processes] %s ended %.1f s after its start; its summary: %d lines, %d rows in %.1f s%n", p,
                        p.seconds(), summary.path("linesRead").asLong(), summary.path("rows").asLong(), summary.path("seconds").asDouble());
            }
        } finally {
            running.forEach(IngestProcess::kill);
        }
    }

    /**
     * The options the operator gives every ingest process of the generated site: its hosted domains,
     * the year and zone of its timestamps, and a commit every 2,000 lines so processes running at once
     * hand their halves of relayed messages to the store in several turns.
     */
    private static List<String> ingestArgs(String store, Path file) {
        List<String> args = new ArrayList<>(List.of("--store", store, "--year", "2026", "--timezone", "UTC",
                "--commit-every", "2000", "--output", "json"));
        for (String domain : LogGenerator.hostedDomains()) {
            args.addAll(List.of("--accepted-domain", domain));
        }
        args.add(file.toString());
        return args;
    }

    /** Every row as JSON, sorted: the stores' search orders may break ties apart. */
    private static List<String> sortedRows(TraceStore store) throws JsonProcessingException {
        List<String> rows = new ArrayList<>();
        for (TraceRow row : HostsApart.allRows(store)) {
            rows.add(TraceJson.mapper().writeValueAsString(row));
        }
        rows.sort(null);
        return rows;
    }

    /** The whole trace (every event) of each message seen on more than one host, as JSON, by trace ID. */
    private static Map<String, String> relayedTraces(TraceStore store) throws JsonProcessingException {
        Map<String, String> traces = new TreeMap<>();
        for (TraceRow row : HostsApart.allRows(store)) {
            if (row.hosts().size() > 1 && !traces.containsKey(row.messageTraceId())) {
                traces.put(row.messageTraceId(), TraceJson.mapper().writeValueAsString(store.get(row.messageTraceId()).orElseThrow()));
            }
        }
        return traces;
    }

    private String prefix() {
        String p = "mt-procs-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
        prefixes.add(p);
        return p;
    }

    private static TraceStore open(String prefix) {
        return OpenSearchTraceStore.open(OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix), true);
    }

    @AfterEach
    void dropIndices() throws IOException, InterruptedException {
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
