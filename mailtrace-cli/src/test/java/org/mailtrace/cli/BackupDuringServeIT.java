package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * {@code backup} of the data directory of a running {@code serve} (a child JVM following a log that
 * grows all the while), then {@code restore} into a new directory: the restored store opens and holds
 * exactly the rows an offline ingest of the log up to the backup's checkpoint gives, the accounts are
 * there, and resuming ingest from the restored checkpoint ends where the source ended.
 */
class BackupDuringServeIT {
    static final String PASSWORD = "backup-test-password-1";

    @TempDir
    Path tmp;

    @Test
    void backupTakenDuringLiveIngestRestoresTheRowsOfItsCheckpoint() throws Exception {
        List<String> lines = syntheticLog(4_000);
        Path followed = tmp.resolve("mail.log");
        Files.writeString(followed, "");
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("serve.out");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data", data.toString(), "--listen", "127.0.0.1:" + freePort(), "--follow", followed.toString(),
                "--timezone", "UTC", "--retention-days", "0"));
        pb.environment().put("MAILTRACE_ADMIN_PASSWORD", PASSWORD);
        Process serve = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        AtomicBoolean backupDone = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                // ~4,000 lines a second, as a busy MTA appends them; the last fifth only trickles in until the
                // backup is done, so the log grows during the whole backup however slow the machine is.
                int i = 0;
                while (i < lines.size()) {
                    boolean trickle = !backupDone.get() && i > lines.size() * 4 / 5;
                    int n = trickle ? 5 : 100;
                    Files.writeString(followed, String.join("\n", lines.subList(i, Math.min(lines.size(), i + n))) + "\n",
                            StandardOpenOption.APPEND);
                    i += n;
                    Thread.sleep(trickle ? 100 : 25);
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        });
        JsonNode backup;
        Path file = tmp.resolve("backup").resolve("mailtrace.zip");
        try {
            awaitOutput(out, "serve: following");
            writer.start();
            awaitRows(data, serve, out);
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("backup", "--data", data.toString(), "--to", file.toString(), "--output", "json");
            assertThat(run.exit()).as(run.err()).isZero();
            System.out.printf("[backup during serve] %s in %d ms%n", run.out().strip(), (System.nanoTime() - t0) / 1_000_000);
            backup = TraceJson.mapper().readTree(run.out());
            assertThat(writer.isAlive()).as("the backup ran while the log grew").isTrue();
            backupDone.set(true);
            writer.join();
            assertThat(writerFailure.get()).isNull();
            awaitAllRead(data, followed, serve, out);
        } finally {
            backupDone.set(true);
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
        }
        assertThat(serve.exitValue()).as(Files.readString(out)).isZero();

        long offset = -1;
        for (JsonNode position : backup.get("checkpoint")) {
            if (position.get("source").asText().equals(followed.toString())) {
                offset = position.get("offset").asLong();
            }
        }
        assertThat(offset).as("checkpoint inside the log").isPositive().isLessThan(Files.size(followed));

        Path restored = tmp.resolve("restored");
        CliRun restore = CliRun.of("restore", "--from", file.toString(), "--data", restored.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(CliRun.of("user", "list", "--data", restored.toString()).out()).contains("admin");

        // The rows as of the checkpoint: an offline ingest of exactly the lines before it.
        Path prefix = tmp.resolve("prefix.log");
        try (RandomAccessFile log = new RandomAccessFile(followed.toFile(), "r")) {
            byte[] bytes = new byte[(int) offset];
            log.readFully(bytes);
            Files.write(prefix, bytes);
        }
        Path asOfCheckpoint = tmp.resolve("as-of-checkpoint");
        assertThat(ingest(asOfCheckpoint, prefix).exit()).isZero();
        Set<JsonNode> restoredRows = rows(restored);
        assertThat(restoredRows).hasSize((int) backup.get("rows").asLong()).isNotEmpty();
        assertThat(restoredRows).isEqualTo(rows(asOfCheckpoint));
        TraceQuery one = TraceQuery.builder().messageTraceId(restoredRows.iterator().next().get("messageTraceId").asText()).build();
        try (TraceStore store = TraceStores.open("lucene", restored, true)) {
            assertThat(store.search(one, null, 10).rows()).isNotEmpty();
        }

        // The restored correlator state and positions resume: the rest of the log ends where the source ended.
        assertThat(ingest(restored, followed).exit()).isZero();
        assertThat(rows(restored)).isEqualTo(rows(data));
    }

    private static CliRun ingest(Path data, Path log) {
        CliRun run = CliRun.of("ingest", "--data", data.toString(), "--timezone", "UTC", "--retention-days", "0",
                log.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    private static List<String> syntheticLog(int messages) {
        SyntheticMailLog gen = new SyntheticMailLog(5, 600);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            all.addAll(gen.nextLines());
        }
        all.addAll(gen.drain());
        return all;
    }

    private static Set<JsonNode> rows(Path data) throws IOException {
        CliRun run = CliRun.of("trace", "--data", data.toString(), "--output", "json", "--limit", "10000000");
        assertThat(run.exit()).as(run.err()).isZero();
        Set<JsonNode> rows = new HashSet<>();
        TraceJson.mapper().readTree(run.out()).forEach(rows::add);
        return rows;
    }

    private static void awaitOutput(Path out, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print '" + text + "': " + Files.readString(out));
    }

    private static void awaitRows(Path data, Process serve, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            if (count(data) > 500) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no rows committed by serve: " + Files.readString(out));
    }

    /** Until serve's checkpoint has reached the end of the log. */
    private static void awaitAllRead(Path data, Path log, Process serve, Path out) throws Exception {
        long size = Files.size(log);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            try (TraceStore store = TraceStores.open("lucene", data, true)) {
                if (store.checkpoint().positions().values().stream()
                        .anyMatch(p -> p.source().equals(log.toString()) && p.offset() == size)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not read the whole log: " + Files.readString(out, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long count(Path data) {
        if (!Files.isDirectory(data.resolve("index"))) {
            return 0;
        }
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            return store.count(TraceQuery.all());
        }
    }
}
