package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * {@code ingest --watch-dir} on a directory holding a real Postfix log (the end-to-end suite's, split
 * into a gzip, a bzip2 and a plain rotation and the live log): every message once with the status a
 * single-file ingest of the same lines gives, a restart that reads nothing twice, and a
 * logrotate-style rename-and-create plus a delayed compression while following.
 */
class WatchDirIngestTest {
    static final List<String> LINES = readLines(IngestAndSearchTest.LOG);
    static final String[] SETTINGS = {"--year", "2026", "--timezone", "UTC", "--retention-days", "0",
            "--accepted-domain", "example.test", "--trusted-network", "127.0.0.2/32"};

    @TempDir
    Path tmp;
    Path logs;
    Path data;

    @BeforeEach
    void directories() throws IOException {
        logs = Files.createDirectory(tmp.resolve("log"));
        data = tmp.resolve("data");
    }

    @Test
    void importsRotationsOldestFirstThenRestartsAndFollowsARotationReadingEveryLineOnce() throws Exception {
        // mail.log.3.gz, mail.log.2.bz2, mail.log.1, mail.log: lines 0-149 in this order, cut mid-message.
        Files.write(logs.resolve("mail.log.3.gz"), gzip(text(0, 40)));
        Files.write(logs.resolve("mail.log.2.bz2"), bzip2(text(40, 80)));
        Files.writeString(logs.resolve("mail.log.1"), text(80, 120));
        Path live = Files.writeString(logs.resolve("mail.log"), text(120, 150));
        Files.writeString(logs.resolve("syslog"), "Nov 28 13:27:53 mail kernel: not a mail log\n");

        CliRun once = ingest("--watch-dir", logs.toString(), "--log-pattern", "mail.log*", "--output", "json");
        assertThat(once.exit()).as(once.err()).isZero();
        assertThat(TraceJson.mapper().readTree(once.out()).get("linesRead").asLong()).isEqualTo(150);
        assertThat(canonical(rows(data))).as("the split directory gives what one file of the same lines gives")
                .isEqualTo(reference(0, 150)).isNotEmpty();
        assertEveryRecipientOnce(rows(data));

        CliRun again = ingest("--watch-dir", logs.toString(), "--log-pattern", "mail.log*");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing new").doesNotContain("read from the start");
        assertThat(canonical(rows(data))).as("a restart reads nothing twice").isEqualTo(reference(0, 150));

        Path childLog = tmp.resolve("follow.out");
        Process follow = ChildCli.start(childLog, concat(List.of("ingest", "--data", data.toString(), "--watch-dir", logs.toString(),
                "--log-pattern", "mail.log*", "--follow", "--poll-interval", "100ms", "--commit-interval", "300ms")));
        try {
            Files.writeString(live, text(150, 170), StandardOpenOption.APPEND);
            awaitCaughtUp(live, childLog);
            // logrotate with delaycompress: shift the rotations, rename the live log, create a new one...
            Files.move(logs.resolve("mail.log.3.gz"), logs.resolve("mail.log.4.gz"));
            Files.move(logs.resolve("mail.log.2.bz2"), logs.resolve("mail.log.3.bz2"));
            Files.move(logs.resolve("mail.log.1"), logs.resolve("mail.log.2"));
            Files.move(live, logs.resolve("mail.log.1"));
            Files.writeString(live, text(170, 192));
            // ...and compress the previous rotation: a new matching file whose content was read before.
            Files.write(logs.resolve("mail.log.2.gz"), gzip(Files.readString(logs.resolve("mail.log.2"))));
            Files.delete(logs.resolve("mail.log.2"));

            List<String> want = reference(0, 192);
            long rotated = System.nanoTime();
            long deadline = rotated + TimeUnit.SECONDS.toNanos(60);
            while (!canonical(rows(data)).equals(want) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            System.out.println("after the rotation, every row was stored within "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rotated) + " ms");
        } finally {
            follow.destroy(); // SIGTERM
        }
        assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String followOutput = Files.readString(childLog);
        assertThat(follow.exitValue()).as(followOutput).isZero();
        assertThat(followOutput).contains("rotated after line");
        System.out.println(followOutput);
        List<JsonNode> rows = rows(data);
        assertThat(canonical(rows)).as("every message once with its final status; " + followOutput).isEqualTo(reference(0, 192));
        assertEveryRecipientOnce(rows);

        CliRun afterRotation = ingest("--watch-dir", logs.toString(), "--log-pattern", "mail.log*");
        assertThat(afterRotation.exit()).as(afterRotation.err()).isZero();
        assertThat(afterRotation.out()).doesNotContain("read from the start");
        assertThat(canonical(rows(data))).as("renamed and newly compressed rotations add nothing").isEqualTo(reference(0, 192));
    }

    @Test
    void followingADirectoryWithoutTheLogSaysSoAndPicksItUpWhenItAppears() throws Exception {
        Path childLog = tmp.resolve("follow.out");
        Process follow = ChildCli.start(childLog, concat(List.of("ingest", "--data", data.toString(), "--watch-dir", logs.toString(),
                "--follow", "--poll-interval", "100ms", "--commit-interval", "300ms")));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a loaded machine starts JVMs slowly
            while (!Files.readString(childLog).contains("no file matches") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(childLog)).contains("no file matches '" + "{mail.log,maillog}*" + "'");
            // RHEL's naming, with dateext and bzip2: found by the default pattern.
            Files.write(logs.resolve("maillog-20261128.bz2"), bzip2(text(0, 100)));
            Files.writeString(logs.resolve("maillog"), text(100, 192));
            List<String> want = reference(0, 192);
            while (!canonical(rows(data)).equals(want) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } finally {
            follow.destroy();
        }
        assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(follow.exitValue()).as(Files.readString(childLog)).isZero();
        assertThat(canonical(rows(data))).isEqualTo(reference(0, 192));
    }

    @Test
    void aMissingDirectoryOrOneWithoutTheLogFailsWithTheFix() throws IOException {
        CliRun missing = ingest("--watch-dir", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(missing.err()).contains("no such directory");

        Files.writeString(logs.resolve("syslog"), "x\n");
        CliRun nothing = ingest("--watch-dir", logs.toString(), "--log-pattern", "mail.log*");
        assertThat(nothing.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(nothing.err()).contains("no file matches 'mail.log*'").contains("--follow");

        CliRun both = ingest("--watch-dir", logs.toString(), IngestAndSearchTest.LOG.toString());
        assertThat(both.exit()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("not both");

        Files.writeString(logs.resolve("mail.log"), "x\n");
        Files.writeString(logs.resolve("mail.err"), "x\n");
        CliRun several = ingest("--watch-dir", logs.toString(), "--log-pattern", "mail*");
        assertThat(several.exit()).isEqualTo(Main.USAGE);
        assertThat(several.err()).contains("mail.err, mail.log");
    }

    @Test
    void helpShowsAWatchDirExample() {
        CliRun help = CliRun.of("ingest", "--help");
        assertThat(help.out()).contains("--follow \\\n      --watch-dir /var/log --log-pattern 'mail.log*'")
                .contains("--watch-dir /var/log --log-pattern 'maillog*'");
    }

    private CliRun ingest(String... args) {
        List<String> all = new ArrayList<>(List.of("ingest", "--data", data.toString()));
        all.addAll(List.of(SETTINGS));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String[] concat(List<String> head) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(SETTINGS));
        return all.toArray(String[]::new);
    }

    /** The rows of a single-file ingest of lines [from, to) of the log. */
    private List<String> reference(int from, int to) throws IOException {
        Path refData = tmp.resolve("reference-" + from + "-" + to);
        if (!Files.isDirectory(refData)) {
            Path file = Files.writeString(tmp.resolve("reference-" + from + "-" + to + ".log"), text(from, to));
            List<String> args = new ArrayList<>(List.of("ingest", "--data", refData.toString()));
            args.addAll(List.of(SETTINGS));
            args.add(file.toString());
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
        }
        return canonical(rows(refData));
    }

    private static void assertEveryRecipientOnce(List<JsonNode> rows) {
        Set<String> seen = new HashSet<>();
        for (JsonNode row : rows) {
            String key = row.get("messageTraceId").asText() + " " + row.get("recipientAddress").asText();
            assertThat(seen.add(key)).as("row twice: " + key).isTrue();
            assertThat(row.get("status").asText()).isNotBlank();
        }
    }

    /** Waits until the follower's committed position on {@code live} is the file's end. */
    private void awaitCaughtUp(Path live, Path childLog) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            long size = Files.size(live);
            try (TraceStore store = TraceStores.open("lucene", data, true)) {
                if (store.checkpoint().positions().values().stream()
                        .anyMatch(p -> p.source().equals(live.toString()) && p.offset() == size)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ingest --watch-dir --follow did not catch up with " + live + ": " + Files.readString(childLog));
    }

    private static String text(int from, int to) {
        return String.join("\n", LINES.subList(from, to)) + "\n";
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static byte[] bzip2(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
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
}
