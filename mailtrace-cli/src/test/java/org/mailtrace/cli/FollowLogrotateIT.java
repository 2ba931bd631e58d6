package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * {@code ingest --follow} on a log that grows while real logrotate rotates it, by rename-and-create
 * and by copytruncate: every message appears exactly once with its final status, SIGTERM exits 0,
 * and a restart naming the rotated files reads nothing twice.
 *
 * <p>Before each rotation the writer waits until ingest has committed up to the file's end: lines
 * written after the follower's last read and before a copytruncate exist only in the copy, which is
 * read at the next start, not live (docs/configuration.md). After a {@code create} rotation the
 * writer reopens the log, as a syslog daemon does on logrotate's HUP.
 */
class FollowLogrotateIT {
    private static final Path LOGROTATE = Path.of("/usr/sbin/logrotate");

    @TempDir
    Path dir;

    @Test
    void followsThroughCreateAndCopytruncateRotationsWithEveryMessageOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(LOGROTATE),
                "logrotate is not installed (apt-get install logrotate): skipping the live rotation test");
        Path log = dir.resolve("mail.log");
        Path data = dir.resolve("data");
        Path childLog = dir.resolve("ingest.out");
        Files.writeString(log, "");
        Path create = rotateConfig("create.conf", log, "create");
        Path copytruncate = rotateConfig("copytruncate.conf", log, "copytruncate");

        Process ingest = ChildCli.start(childLog, "ingest", "--data", data.toString(), "--year", "2025", "--timezone", "UTC",
                "--follow", "--poll-interval", "100ms", "--commit-interval", "500ms", log.toString());
        SyntheticMailLog gen = new SyntheticMailLog(11, 90);
        OutputStream out = new FileOutputStream(log.toFile(), true);
        try {
            Path[] rotations = {create, copytruncate, create, copytruncate, copytruncate, create};
            for (Path config : rotations) {
                out = writeMessages(out, gen, 400);
                awaitCaughtUp(data, log); // the follower committed up to the end (see class comment)
                rotate(config);
                if (config == create) {
                    out.close(); // the HUP: the daemon reopens the path, now a new file
                    out = new FileOutputStream(log.toFile(), true);
                }
            }
            out = writeMessages(out, gen, 400);
            for (String line : gen.drain()) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            out.close();
        }
        int expectedRows = gen.expected().values().stream().mapToInt(Map::size).sum();
        long waitStart = System.nanoTime();
        while (rows(data).size() < expectedRows && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(200);
        }
        long searchableAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStart);

        ingest.destroy(); // SIGTERM
        assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue()).as(Files.readString(childLog)).isZero();
        assertThat(Files.readString(childLog)).contains("rotated after line").contains("truncated (copytruncate)");

        List<JsonNode> rows = rows(data);
        System.out.println(Files.readString(childLog));
        assertEveryMessageOnceWithItsFinalStatus(rows, gen.expected(), expectedRows);
        // A stall check, not a speed target (that is the benchmark's): the figure is printed.
        System.out.println("[follow logrotate] last lines searchable " + searchableAfterMillis + " ms after they were written");
        assertThat(searchableAfterMillis).as("last lines searchable after they were written (stall check)").isLessThan(30_000);

        List<String> before = canonical(rows);
        List<String> files = rotatedOldestFirst(log);
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        CliRun again = CliRun.of(concat(new String[] {"ingest", "--data", data.toString(), "--year", "2025", "--timezone", "UTC"}, files));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(canonical(rows(data))).as("re-reading every rotated file adds nothing").isEqualTo(before);

        Path resumedLog = dir.resolve("resumed.out");
        Process resumed = ChildCli.start(resumedLog, concat(new String[] {"ingest", "--data", data.toString(), "--year", "2025",
                "--timezone", "UTC", "--follow", "--poll-interval", "100ms"}, files));
        // Stop it only once it follows (its stop signal is handled from then on), however slow the machine.
        long followDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(resumedLog) && Files.readString(resumedLog).contains(": following from line"))
                && System.nanoTime() < followDeadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        resumed.destroy();
        assertThat(resumed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(resumedLog)).isZero();
        assertThat(canonical(rows(data))).as("a restarted follow reads nothing twice").isEqualTo(before);
    }

    /** Waits until the committed checkpoint has {@code log} read up to its current size. */
    private static void awaitCaughtUp(Path data, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            long size = Files.size(log);
            if (Files.isDirectory(data.resolve("index"))) {
                try (TraceStore store = TraceStores.open("lucene", data, true)) {
                    boolean caughtUp = store.checkpoint().positions().values().stream()
                            .anyMatch(p -> p.source().equals(log.toString()) && p.offset() == size);
                    if (caughtUp) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ingest --follow did not catch up with " + log + " within 60 s");
    }

    private static void assertEveryMessageOnceWithItsFinalStatus(List<JsonNode> rows, Map<String, Map<String, String>> expected,
                                                              int expectedRows) {
        Map<String, String> seen = new HashMap<>();
        for (JsonNode row : rows) {
            String key = row.get("queueIds").get(0).asText() + " " + row.get("recipientAddress").asText();
            assertThat(seen.put(key, row.get("status").asText())).as("row twice: " + key).isNull();
        }
        Map<String, String> want = new HashMap<>();
        expected.forEach((qid, rcpts) -> rcpts.forEach((rcpt, status) -> want.put(qid + " " + rcpt, status)));
        assertThat(want).hasSize(expectedRows);
        Map<String, String> wrong = new java.util.TreeMap<>();
        want.forEach((k, v) -> {
            if (!v.equals(seen.get(k))) {
                wrong.put(k, "expected " + v + ", stored " + seen.get(k));
            }
        });
        seen.keySet().stream().filter(k -> !want.containsKey(k)).forEach(k -> wrong.put(k, "not written but stored"));
        assertThat(wrong).as("rows missing, extra or with the wrong status").isEmpty();
    }

    private static OutputStream writeMessages(OutputStream out, SyntheticMailLog gen, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            for (String line : gen.nextLines()) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            if (i % 20 == 0) {
                Thread.sleep(15);
            }
        }
        return out;
    }

    private Path rotateConfig(String name, Path log, String mode) throws IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, log + " {\n    rotate 20\n    " + mode + "\n    missingok\n    nocompress\n}\n");
        return config;
    }

    private void rotate(Path config) throws Exception {
        Process p = new ProcessBuilder(LOGROTATE.toString(), "-f", "-s", dir.resolve("logrotate.state").toString(), config.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("logrotate: " + output).isZero();
    }

    private List<String> rotatedOldestFirst(Path log) {
        List<String> files = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            Path p = Path.of(log + "." + i);
            if (Files.exists(p)) {
                files.add(p.toString());
            }
        }
        files.add(log.toString());
        return files;
    }

    private static List<JsonNode> rows(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        CliRun run = CliRun.of("trace", "--data", data.toString(), "--output", "json", "--limit", "10000000");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        TraceJson.mapper().readTree(run.out()).forEach(rows::add);
        return rows;
    }

    private static List<String> canonical(List<JsonNode> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.toString()));
        out.sort(null);
        return out;
    }

    private static String[] concat(String[] head, List<String> tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(tail);
        return all.toArray(String[]::new);
    }
}
