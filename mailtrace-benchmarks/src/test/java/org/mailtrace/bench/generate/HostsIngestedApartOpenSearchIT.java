package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;
import org.mailtrace.store.opensearch.OpenSearchSettings;
import org.mailtrace.store.opensearch.OpenSearchTraceStore;

/**
 * The generated day with messages relayed from the submission host to the MX hosts, split by host
 * and ingested by one pipeline per host into one OpenSearch store, each under its own writer name
 * (so its own checkpoint): one after the other in either order, and all at once on four threads.
 * The rows, trace IDs included, equal those of one pipeline reading the whole log.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class HostsIngestedApartOpenSearchIT {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private final Set<String> prefixes = new LinkedHashSet<>();

    @Test
    void splitByHostAndIngestedByOneWriterPerHostGivesTheRowsOfOneWriter(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mail.log");
        GeneratedLog generated = LogGenerator.generate(new LogGenerator.Options(1500, 5, LogGenerator.DEFAULT_DAY, 10), log);
        assertThat(generated.byKind().get("relayed")).isGreaterThan(50L);
        Map<String, Path> byHost = HostsApart.splitByHost(log, dir.resolve("hosts"));
        assertThat(byHost).hasSize(4);

        List<TraceRow> oneWriter;
        String one = prefix();
        try (TraceStore store = open(one, null)) {
            HostsApart.pipeline(store, 2_000).run(List.of(log.toString()));
            oneWriter = HostsApart.allRows(store);
        }
        assertThat(oneWriter).hasSize((int) generated.recipients());
        assertThat(oneWriter).filteredOn(r -> r.hosts().size() > 1).hasSizeGreaterThan(50);

        List<String> hosts = new ArrayList<>(byHost.keySet());
        List<String> reversed = new ArrayList<>(hosts);
        Collections.reverse(reversed);
        for (List<String> order : List.of(hosts, reversed)) {
            String prefix = prefix();
            for (String host : order) {
                ingest(prefix, host, byHost.get(host));
            }
            assertThat(rowsOf(prefix)).as("hosts read one after the other in the order %s", order).isEqualTo(oneWriter);
        }

        String atOnce = prefix();
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String host : hosts) {
                running.add(pool.submit(() -> {
                    ingest(atOnce, host, byHost.get(host));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsOf(atOnce)).as("hosts read at the same time").isEqualTo(oneWriter);
    }

    private String prefix() {
        String p = "mt-apart-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
        prefixes.add(p);
        return p;
    }

    private static TraceStore open(String prefix, String writer) {
        OpenSearchSettings s = OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
        return OpenSearchTraceStore.open(s, false, writer);
    }

    /** One ingest process of one host: its own store connection and writer name, hops joined through the store. */
    private static void ingest(String prefix, String host, Path file) throws IOException {
        try (TraceStore store = open(prefix, host)) {
            IngestPipeline p = HostsApart.pipeline(store, 2_000);
            p.joinHopsThroughStore();
            p.run(List.of(file.toString()));
        }
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
