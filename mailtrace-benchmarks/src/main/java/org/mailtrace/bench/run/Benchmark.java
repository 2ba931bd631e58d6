package org.mailtrace.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mailtrace.bench.generate.GeneratedLog;
import org.mailtrace.bench.generate.LogGenerator;
import org.mailtrace.query.TraceService;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.lucene.LuceneTraceStore;

/**
 * The end-to-end benchmark of issue 3: generate (or reuse) a day of cluster log, ingest it with the
 * real CLI in a child JVM capped at 1 GB of heap, then measure the store size and warm query
 * latency, and print every figure beside its target. Options: see {@link #USAGE}.
 */
public final class Benchmark {
    static final String USAGE = """
            usage: mailtrace-bench [--messages N] [--seed S] [--work DIR] [--repo DIR] [--queries N]
                                   [--heap 1g] [--output table|json] [--json-file FILE] [--keep-store]
                                   [--store DIR] [--workers 1,2,3] [--relayed-percent P]
              --messages N   messages in the generated day (default 1000000)
              --work DIR     where the generated log (reused when present) and the store go
                             (default mailtrace-benchmarks/target/bench-work)
              --queries N    measured runs per query kind (default 200, after 50 warm-up runs)
              --json-file F  also write the report as JSON to F (default WORK/report-N.json)
              --store DIR    only measure queries on this existing data directory (no generate,
                             no ingest, nothing deleted); the day is the generator's default day
              --store opensearch:URL1,URL2,...
                             the same day into the embedded store and into this OpenSearch cluster,
                             side by side, and the cluster's ingest with --workers processes
              --workers 1,2,3  ingest processes for the OpenSearch run (log split by MTA host)
              --relayed-percent P
                             make P% of the messages relay from the submission host to an MX
                             (one message on two hosts: the hop joins of processes split by host);
                             default 0, the day every earlier figure was measured on
            """;
    private static final int TARGET_LINES_PER_SECOND = 250_000;
    private static final double TARGET_P99_MS = 50;
    private static final double TARGET_STORE_SHARE = 40;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        long messages = 1_000_000;
        long seed = 42;
        Path repo = Path.of("").toAbsolutePath();
        Path work = null;
        int queries = 200;
        String heap = "1g";
        boolean json = false;
        Path jsonFile = null;
        boolean keepStore = false;
        Path existing = null;
        String cluster = null;
        List<Integer> workers = List.of(1, 2, 3);
        int relayed = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath();
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--output" -> json = args[++i].equals("json");
                case "--json-file" -> jsonFile = Path.of(args[++i]);
                case "--keep-store" -> keepStore = true;
                case "--store" -> {
                    String at = args[++i];
                    if (at.startsWith("opensearch:")) {
                        cluster = at;
                    } else {
                        existing = Path.of(at).toAbsolutePath();
                    }
                }
                case "--workers" -> workers = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                case "--relayed-percent" -> relayed = Integer.parseInt(args[++i]);
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
        if (work == null) {
            work = repo.resolve("mailtrace-benchmarks/target/bench-work");
        }
        Files.createDirectories(work);
        Report report = cluster != null ? OpenSearchComparison.run(cluster, day(messages, seed, relayed), repo, work, queries, heap,
                workers, keepStore)
                : existing != null ? queriesOnly(existing, seed, queries) : run(day(messages, seed, relayed), repo, work, queries, heap);
        Map<String, Object> asJson = report.toJson();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path out = jsonFile != null ? jsonFile : work.resolve("report-" + (cluster != null ? "opensearch-" : "") + messages + ".json");
        mapper.writeValue(out.toFile(), asJson);
        if (json) {
            System.out.println(mapper.writeValueAsString(asJson));
        } else {
            report.print(System.out);
            System.out.println("\nJSON: " + out);
        }
        if (!keepStore && existing == null && cluster == null) {
            deleteTree(work.resolve("store-" + messages + "-" + seed));
        }
    }

    /** Heap after full collections per third of the run: flat when the live set does not grow with the log. */
    private static void liveSet(Report report, GcLog gc) {
        report.info("live set (heap after full GC, max) in the 1st third", gc.liveSetMax(0, 1 / 3.0), "MiB",
                gc.fullCollections() + " full collections in the run; -1: none in that third");
        report.info("live set (heap after full GC, max) in the 2nd third", gc.liveSetMax(1 / 3.0, 2 / 3.0), "MiB", "");
        report.info("live set (heap after full GC, max) in the 3rd third", gc.liveSetMax(2 / 3.0, 1.01), "MiB", "");
    }

    /** Query latency (and size on disk) of a store ingested earlier, e.g. to compare two layouts. */
    static Report queriesOnly(Path store, long seed, int queries) throws IOException {
        Report report = new Report();
        report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + System.getProperty("java.version"));
        report.fact("store", store.toString());
        report.info("store on disk", treeSize(store) / 1048576.0, "MiB", "");
        measureQueries(store, seed, queries, report);
        return report;
    }

    static Report run(LogGenerator.Options options, Path repo, Path work, int queries, String heap) throws Exception {
        Report report = new Report();
        long messages = options.messages();
        long seed = options.seed();
        LocalDate day = LogGenerator.DEFAULT_DAY;
        Path log = logFile(options, work);
        ObjectMapper mapper = new ObjectMapper();
        GeneratedLog generated = generated(options, log);
        report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + System.getProperty("java.version"));
        report.fact("messages generated", generated.messages());
        report.fact("log lines", generated.lines());
        report.fact("log bytes", generated.bytes());
        report.fact("scenarios", generated.byKind());

        Path store = work.resolve("store-" + messages + "-" + seed);
        deleteTree(store);
        Path gcLog = work.resolve("ingest-" + messages + "-gc.log");
        Files.deleteIfExists(gcLog);
        // -XX:+UseParallelGC: what the ./mailtrace launcher runs a one-shot ingest with.
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap, "-XX:+UseParallelGC", "-Xlog:gc:file=" + gcLog,
                "-jar", repo.resolve("mailtrace-cli/target/mailtrace-cli.jar").toString(),
                "ingest", "--data", store.toString(), "--year", Integer.toString(day.getYear()), "--timezone", "UTC",
                "--retention-days", "0", "--output", "json"));
        for (String d : org.mailtrace.bench.generate.LogGenerator.hostedDomains()) {
            cmd.add("--accepted-domain");
            cmd.add(d);
        }
        cmd.add(log.toString());
        System.err.println("ingesting with the CLI (-Xmx" + heap + ") ...");
        Path out = work.resolve("ingest-" + messages + ".out");
        Path err = work.resolve("ingest-" + messages + ".err");
        ChildProcess.Outcome ingest = ChildProcess.run(cmd, work, out, err);
        GcLog gc = GcLog.read(gcLog);
        report.fact("ingest command", String.join(" ", cmd));
        report.fact("ingest exit code", ingest.exitCode());
        if (ingest.exitCode() != 0) {
            String tail = Files.readString(err);
            report.fact("ingest failure", tail.length() > 2000 ? tail.substring(0, 2000) : tail);
            report.missing("ingest lines/s", ">= 250,000 lines/s", "ingest failed after " + Report.fmt(ingest.seconds()) + " s; see " + err);
            report.info("peak RSS of the ingest JVM", ingest.peakRssKiB() / 1024.0, "MiB", "");
            report.info("heap after GC, max", gc.maxAfter(), "MiB", gc.collections() + " collections");
            liveSet(report, gc);
            return report;
        }
        JsonNode stats = mapper.readTree(Files.readString(out));
        long lines = stats.path("linesRead").asLong();
        report.fact("ingest summary", stats.toString());
        double seconds = ingest.seconds();
        report.atLeast("ingest lines/s (end-to-end, CLI JVM)", lines / seconds, "lines/s", TARGET_LINES_PER_SECOND);
        report.info("ingest messages/s", generated.messages() / seconds, "msg/s", Report.fmt(seconds) + " s wall");
        cpuBudget(report, ingest, lines);
        report.info("peak RSS of the ingest JVM (VmHWM)", ingest.peakRssKiB() / 1024.0, "MiB",
                "heap capped at " + heap + "; includes mmap'd index pages");
        report.info("peak anonymous RSS (RssAnon, sampled)", ingest.peakAnonKiB() / 1024.0, "MiB",
                "heap, metaspace, stacks, buffers: without file pages");
        report.info("heap after GC at 10% of the run", gc.afterAt(0.10), "MiB", "");
        report.info("heap after GC at 50% of the run", gc.afterAt(0.50), "MiB", "");
        report.info("heap after GC at 90% of the run", gc.afterAt(0.90), "MiB", "");
        report.info("heap after GC, max", gc.maxAfter(), "MiB", gc.collections() + " collections");
        liveSet(report, gc);
        long storeBytes = treeSize(store);
        report.info("store bytes per message", (double) storeBytes / generated.messages(), "B", Report.fmt(storeBytes / 1048576.0) + " MiB total");
        report.atMost("store size as % of the raw log", 100.0 * storeBytes / generated.bytes(), "%", TARGET_STORE_SHARE);

        measureQueries(store, seed, queries, report);
        FollowLatency.measure(repo, work, store, report);
        return report;
    }

    /** The generator's default day of {@code messages}, {@code relayedPercent} of them relayed between hosts. */
    static LogGenerator.Options day(long messages, long seed, int relayedPercent) {
        return new LogGenerator.Options(messages, seed, LogGenerator.DEFAULT_DAY, relayedPercent);
    }

    /** Where the day of {@code options} is generated: its name says what it holds, so a run never reuses another mix. */
    static Path logFile(LogGenerator.Options options, Path work) {
        return work.resolve("gen-" + options.messages() + "-" + options.seed()
                + (options.relayedPercent() > 0 ? "-relayed" + options.relayedPercent() : "") + ".log");
    }

    /** The generated day in {@code log}, reused (with its summary) when a previous run left it. */
    static GeneratedLog generated(LogGenerator.Options options, Path log) throws IOException {
        Path summary = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "") + ".json");
        ObjectMapper mapper = new ObjectMapper();
        if (Files.exists(log) && Files.exists(summary)) {
            System.err.println("reusing " + log);
            return mapper.readValue(summary.toFile(), GeneratedLog.class);
        }
        System.err.println("generating " + options.messages() + " messages (" + options.relayedPercent() + "% relayed) into " + log + " ...");
        GeneratedLog generated = LogGenerator.generate(options, log);
        mapper.writeValue(summary.toFile(), generated);
        return generated;
    }

    /**
     * Where the ingest's CPU went, per kind of thread: what a missed lines/s target is made of. A
     * thread busy for nearly the whole wall time (collector pauses stop it too) is the bottleneck;
     * otherwise the cores are.
     */
    private static void cpuBudget(Report report, ChildProcess.Outcome ingest, long lines) {
        Map<String, Double> cpu = ingest.cpuSeconds();
        double all = cpu.getOrDefault("all", 0.0);
        if (all <= 0 || lines <= 0) {
            return; // no /proc here
        }
        int cores = Runtime.getRuntime().availableProcessors();
        report.info("ingest CPU, all threads", all, "s", Report.fmt(100 * all / (cores * ingest.seconds()))
                + "% of " + cores + " cores over the wall time");
        report.info("ingest CPU per line", all * 1e6 / lines, "us", "the target allows "
                + Report.fmt(cores * 1e6 / TARGET_LINES_PER_SECOND) + " us on " + cores + " cores");
        for (Map.Entry<String, Double> e : cpu.entrySet()) {
            if (!e.getKey().equals("all")) {
                report.info("ingest CPU: " + e.getKey(), e.getValue(), "s", Report.fmt(100 * e.getValue() / ingest.seconds())
                        + "% of wall, " + Report.fmt(e.getValue() * 1e6 / lines) + " us/line");
            }
        }
    }

    private static void measureQueries(Path store, long seed, int queries, Report report) {
        System.err.println("measuring queries ...");
        try (TraceStore ro = LuceneTraceStore.openReadOnly(store)) {
            QueryLatency latency = new QueryLatency(new TraceService(ro), seed, LogGenerator.DEFAULT_DAY);
            for (QueryLatency.Result r : latency.measure(50, queries).values()) {
                report.info("p50 " + r.query(), r.p50Ms(), "ms", Report.fmt(r.meanRows()) + " rows/page avg");
                report.atMost("p99 " + r.query(), r.p99Ms(), "ms", TARGET_P99_MS);
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static long treeSize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot read size", e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
