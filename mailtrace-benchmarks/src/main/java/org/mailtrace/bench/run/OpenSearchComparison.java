package org.mailtrace.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mailtrace.bench.generate.GeneratedLog;
import org.mailtrace.bench.generate.LogGenerator;
import org.mailtrace.query.TraceService;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import org.mailtrace.store.lucene.LuceneTraceStore;

/**
 * {@code mailtrace-bench --store opensearch:URL1,URL2,...}: the same generated day into the embedded
 * store and into an OpenSearch cluster, in one run, side by side: ingest lines/s (the real CLI in
 * child JVMs), store bytes per message, the five query kinds' p50/p99, time to searchable; and the
 * cluster's ingest with 1, 2, 3... processes, the log split by MTA host (each host's lines to one
 * process, each with its own {@code MAILTRACE_STORE_WRITER}), all started together, timed until the
 * last ends. Each OpenSearch run writes its own index prefix ({@code bench-wN}), deleted at the end
 * unless {@code --keep-store}.
 */
final class OpenSearchComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenSearchComparison() {
    }

    static Report run(String location, LogGenerator.Options day, Path repo, Path work, int queries, String heap,
                      List<Integer> workerCounts, boolean keepStore) throws Exception {
        Report report = new Report();
        long messages = day.messages();
        long seed = day.seed();
        List<URI> urls = StoreLocation.parse(location).urls();
        Path log = Benchmark.logFile(day, work);
        GeneratedLog generated = Benchmark.generated(day, log);
        report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + System.getProperty("java.version"));
        report.fact("messages generated", generated.messages());
        report.fact("relayed from the submission host to an MX (%)", day.relayedPercent());
        report.fact("log lines", generated.lines());
        report.fact("log bytes", generated.bytes());
        JsonNode cluster = get(urls.get(0), "/_cluster/health");
        report.fact("cluster", location + ": " + cluster.path("number_of_nodes").asInt() + " nodes, status "
                + cluster.path("status").asText() + ", OpenSearch " + get(urls.get(0), "/").path("version").path("number").asText());

        // The embedded store.
        Path store = work.resolve("store-" + messages + "-" + seed);
        Benchmark.deleteTree(store);
        ChildProcess.Outcome emb = ingest(repo, work, heap, List.of("--data", store.toString()), Map.of(), log, "embedded");
        report.info("embedded: ingest lines/s", generated.lines() / emb.seconds(), "lines/s", Report.fmt(emb.seconds()) + " s wall, exit " + emb.exitCode());
        long embBytes = Benchmark.treeSize(store);
        report.info("embedded: store bytes per message", (double) embBytes / generated.messages(), "B", Report.fmt(embBytes / 1048576.0) + " MiB");
        long embRows;
        try (TraceStore ro = LuceneTraceStore.openReadOnly(store)) {
            embRows = ro.count(TraceQuery.all());
            queries(ro, seed, queries, "embedded: ", report);
        }
        report.info("embedded: rows", embRows, "rows", "");
        FollowLatency.measure(repo, work, List.of("--data", store.toString()), Map.of(),
                () -> LuceneTraceStore.openReadOnly(store), "embedded: ", report);

        // The cluster, with 1, 2, 3... ingest processes.
        for (int workers : workerCounts) {
            String prefix = "bench-w" + workers;
            deleteIndices(urls.get(0), prefix);
            List<Path> parts = splitByHost(log, workers, work);
            long t0 = System.nanoTime();
            List<Process> running = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Map<String, String> env = Map.of("MAILTRACE_STORE_INDEX_PREFIX", prefix, "MAILTRACE_STORE_WRITER", "w" + (i + 1));
                running.add(start(repo, work, heap, List.of("--store", location), env, parts.get(i), prefix + "-" + (i + 1)));
            }
            int failed = 0;
            for (Process p : running) {
                failed += p.waitFor() == 0 ? 0 : 1;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String label = "opensearch, " + workers + " ingest process" + (workers == 1 ? "" : "es") + ": ";
            report.info(label + "ingest lines/s", generated.lines() / seconds, "lines/s", Report.fmt(seconds) + " s wall until the last ended"
                    + (failed > 0 ? "; " + failed + " FAILED, see " + work.resolve(prefix + "-N.err") : ""));
            StoreOptions options = StoreOptions.of(true).withIndexPrefix(prefix);
            try (TraceStore ro = TraceStores.open(StoreLocation.parse(location), options)) {
                long rows = ro.count(TraceQuery.all());
                report.info(label + "rows", rows, "rows", workers == 1 ? "embedded: " + embRows
                        : "hosts split over processes, each with its own writer name; relayed hops joined through the store (embedded: " + embRows + ")");
                if (workers == 1) {
                    sizes(urls.get(0), prefix, generated.messages(), label, report);
                    queries(ro, seed, queries, label, report);
                }
            }
            if (workers == 1) {
                Map<String, String> env = Map.of("MAILTRACE_STORE_INDEX_PREFIX", prefix, "MAILTRACE_STORE_WRITER", "follow");
                FollowLatency.measure(repo, work, List.of("--store", location), env,
                        () -> TraceStores.open(StoreLocation.parse(location), options), label, report);
            }
            if (!keepStore) {
                deleteIndices(urls.get(0), prefix);
            }
        }
        if (!keepStore) {
            Benchmark.deleteTree(store);
        }
        return report;
    }

    /** The five query kinds of the embedded benchmark, through the same TraceService. */
    private static void queries(TraceStore ro, long seed, int queries, String label, Report report) {
        System.err.println("measuring queries (" + label.trim() + ") ...");
        QueryLatency latency = new QueryLatency(new TraceService(ro), seed, LogGenerator.DEFAULT_DAY);
        for (QueryLatency.Result r : latency.measure(20, queries).values()) {
            report.info(label + "p50 " + r.query(), r.p50Ms(), "ms", Report.fmt(r.meanRows()) + " rows/page avg");
            report.info(label + "p99 " + r.query(), r.p99Ms(), "ms", "max " + Report.fmt(r.maxMs()) + " ms");
        }
    }

    /** Primary and total (with replicas) store size of the prefix's daily indices, after a flush. */
    private static void sizes(URI node, String prefix, long messages, String label, Report report) throws Exception {
        send(node, "POST", "/" + prefix + "-traces-*/_flush");
        long primary = 0;
        long total = 0;
        int shards = 0;
        for (JsonNode i : get(node, "/_cat/indices/" + prefix + "-traces-*?format=json&bytes=b&h=index,pri,rep,store.size,pri.store.size")) {
            primary += i.path("pri.store.size").asLong();
            total += i.path("store.size").asLong();
            shards += i.path("pri").asInt();
        }
        report.info(label + "store bytes per message (primaries)", (double) primary / messages, "B",
                Report.fmt(primary / 1048576.0) + " MiB in " + shards + " primary shard(s), not force-merged");
        report.info(label + "store bytes per message (with replicas)", (double) total / messages, "B", Report.fmt(total / 1048576.0) + " MiB");
    }

    /**
     * The log's lines by MTA host (the syslog host field), the hosts dealt round robin to
     * {@code workers} files: what one ingest process per host (or group of hosts) reads.
     */
    static List<Path> splitByHost(Path log, int workers, Path work) throws IOException {
        TreeSet<String> hosts = new TreeSet<>();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                hosts.add(host(line));
            }
        }
        Map<String, Integer> worker = new HashMap<>();
        int n = 0;
        for (String h : hosts) {
            worker.put(h, n++ % workers);
        }
        List<Path> parts = new ArrayList<>();
        List<BufferedWriter> outs = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                Path p = work.resolve(log.getFileName() + ".part" + (i + 1) + "of" + workers);
                parts.add(p);
                outs.add(Files.newBufferedWriter(p, StandardCharsets.UTF_8));
            }
            try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    BufferedWriter w = outs.get(worker.get(host(line)));
                    w.write(line);
                    w.newLine();
                }
            }
        } finally {
            for (BufferedWriter w : outs) {
                w.close();
            }
        }
        System.err.println("hosts " + hosts + " over " + workers + " process(es)");
        return parts;
    }

    /** The 4th field of a traditional syslog line ({@code Nov 27 00:00:01 mx1 postfix/...}). */
    private static String host(String line) {
        String[] f = line.split(" +", 5);
        return f.length > 3 ? f[3] : "";
    }

    private static ChildProcess.Outcome ingest(Path repo, Path work, String heap, List<String> store, Map<String, String> env,
                                               Path log, String name) throws Exception {
        System.err.println("ingesting " + log.getFileName() + " into " + name + " ...");
        return ChildProcess.run(command(repo, heap, store, log), work, work.resolve("ingest-" + name + ".out"),
                work.resolve("ingest-" + name + ".err"), env);
    }

    private static Process start(Path repo, Path work, String heap, List<String> store, Map<String, String> env, Path log,
                                 String name) throws IOException {
        System.err.println("ingesting " + log.getFileName() + " into " + name + " ...");
        ProcessBuilder pb = new ProcessBuilder(command(repo, heap, store, log)).directory(work.toFile())
                .redirectOutput(work.resolve("ingest-" + name + ".out").toFile())
                .redirectError(work.resolve("ingest-" + name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static List<String> command(Path repo, String heap, List<String> store, Path log) {
        List<String> cmd = new ArrayList<>(List.of(Benchmark.javaBin(), "-Xmx" + heap, "-XX:+UseParallelGC",
                "-jar", repo.resolve("mailtrace-cli/target/mailtrace-cli.jar").toString(), "ingest"));
        cmd.addAll(store);
        cmd.addAll(List.of("--year", Integer.toString(LogGenerator.DEFAULT_DAY.getYear()), "--timezone", "UTC",
                "--retention-days", "0", "--output", "json"));
        for (String d : LogGenerator.hostedDomains()) {
            cmd.add("--accepted-domain");
            cmd.add(d);
        }
        cmd.add(log.toString());
        return cmd;
    }

    private static JsonNode get(URI node, String path) throws IOException, InterruptedException {
        return JSON.readTree(send(node, "GET", path));
    }

    private static String send(URI node, String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static void deleteIndices(URI node, String prefix) throws IOException, InterruptedException {
        send(node, "DELETE", "/" + prefix + "-*");
        send(node, "DELETE", "/_index_template/" + prefix + "-traces");
    }
}
