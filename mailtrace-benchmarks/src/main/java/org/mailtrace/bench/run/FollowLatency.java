package org.mailtrace.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.lucene.LuceneTraceStore;

/**
 * Time from a line appended to a followed file until a read-only store finds it: starts
 * {@code mailtrace ingest --follow} on the benchmark's full store, appends one message, and polls a
 * separate read-only store (as {@code mailtrace trace} would) for its Message-ID. A first, untimed
 * message waits (up to {@value #START_SECONDS} s) until the follower has started and made it
 * searchable, so a slow start on a loaded machine is not counted as, or mistaken for, the latency.
 * The same for every store, so the embedded and the cluster column are measured alike. Measured only
 * when the CLI offers {@code --follow}; otherwise the report says so.
 */
final class FollowLatency {
    private static final double TARGET_SECONDS = 2;
    /** How long the follower may take to start and make the untimed first message searchable. */
    private static final int START_SECONDS = 120;
    /** How long one timed message may take to become searchable. */
    private static final int ROUND_SECONDS = 30;

    private FollowLatency() {
    }

    static void measure(Path repo, Path work, Path store, Report report) throws IOException, InterruptedException {
        measure(repo, work, List.of("--data", store.toString()), java.util.Map.of(),
                () -> LuceneTraceStore.openReadOnly(store), "", report);
    }

    /**
     * The same for any store: {@code storeArgs} name it on the follower's command line, {@code env}
     * is added to the follower's environment, {@code reader} opens it read-only (once per poll, as a
     * new {@code mailtrace trace} would), {@code label} starts the figures' names.
     */
    static void measure(Path repo, Path work, List<String> storeArgs, java.util.Map<String, String> env,
                        java.util.function.Supplier<TraceStore> reader, String label, Report report)
            throws IOException, InterruptedException {
        String jar = repo.resolve("mailtrace-cli/target/mailtrace-cli.jar").toString();
        Process help = new ProcessBuilder(Benchmark.javaBin(), "-jar", jar, "ingest", "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        help.waitFor();
        if (!text.contains("--follow")) {
            report.missing(label + "time to searchable", "< 2 s", "not measured (no --follow yet in this build's CLI)");
            return;
        }
        Path followed = work.resolve("followed.log");
        Files.writeString(followed, "");
        List<String> cmd = new java.util.ArrayList<>(List.of(Benchmark.javaBin(), "-Xmx1g", "-jar", jar, "ingest", "--follow"));
        cmd.addAll(storeArgs);
        cmd.addAll(List.of("--retention-days", "0", "--timezone", "UTC", followed.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(work.resolve("follow.out").toFile()).redirectError(work.resolve("follow.err").toFile());
        pb.environment().putAll(env);
        Process follower = pb.start();
        try {
            double started = appendAndAwait(followed, reader, START_SECONDS);
            if (started < 0) {
                report.missing(label + "time to searchable", "< 2 s", "the follower did not make a first message searchable within "
                        + START_SECONDS + " s of its start" + (follower.isAlive() ? "" : " (it exited " + follower.exitValue() + ")")
                        + "; see " + work.resolve("follow.err"));
                return;
            }
            System.err.printf("follower started (%stime to searchable): first message searchable after %.1f s%n", label, started);
            double worst = 0;
            double sum = 0;
            int rounds = 5;
            for (int i = 0; i < rounds; i++) {
                double seconds = appendAndAwait(followed, reader, ROUND_SECONDS);
                if (seconds < 0) {
                    report.missing(label + "time to searchable", "< 2 s", "an appended message was not searchable within "
                            + ROUND_SECONDS + " s; see " + work.resolve("follow.err"));
                    return;
                }
                worst = Math.max(worst, seconds);
                sum += seconds;
            }
            report.info(label + "time to searchable, mean of 5", sum / rounds, "s", "");
            report.atMost(label + "time to searchable, worst of 5", worst, "s", TARGET_SECONDS);
        } finally {
            follower.destroy();
            if (!follower.waitFor(10, TimeUnit.SECONDS)) {
                follower.destroyForcibly();
            }
        }
    }

    /**
     * Appends one message (client, Message-ID, sender) to the followed file and polls a new read-only
     * store for its Message-ID: the seconds until it is found, or -1 after {@code limitSeconds}.
     */
    private static double appendAndAwait(Path followed, java.util.function.Supplier<TraceStore> reader, int limitSeconds)
            throws IOException, InterruptedException {
        String mid = "follow-" + System.nanoTime() + "@bench.example.org";
        String stamp = new java.text.SimpleDateFormat("MMM dd HH:mm:ss", java.util.Locale.ROOT).format(new java.util.Date());
        String q = String.format("%010X", System.nanoTime() & 0xFF_FFFF_FFFFL);
        List<String> lines = List.of(
                stamp + " mx1 postfix/smtpd[4242]: " + q + ": client=bench.example.net[192.0.2.7]",
                stamp + " mx1 postfix/cleanup[4243]: " + q + ": message-id=<" + mid + ">",
                stamp + " mx1 postfix/qmgr[701]: " + q + ": from=<a@bench.example.net>, size=1234, nrcpt=1 (queue active)");
        long t0 = System.nanoTime();
        Files.writeString(followed, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(limitSeconds)) {
            try (TraceStore ro = reader.get()) {
                if (!ro.findByMessageId(mid).isEmpty()) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            }
            Thread.sleep(20);
        }
        return -1;
    }
}
