package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * What {@code ingest} does when the data directory cannot take the store: one clear line, exit 1,
 * and a store that still opens with its last good commit and resumes from it.
 */
class IngestStoreErrorsIT {
    @TempDir
    Path dir;

    private Path log(int messages) throws IOException {
        SyntheticMailLog gen = new SyntheticMailLog(3, 600);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            lines.addAll(gen.nextLines());
        }
        lines.addAll(gen.drain());
        Path log = dir.resolve("mail.log");
        Files.write(log, lines, StandardCharsets.UTF_8);
        return log;
    }

    private static CliRun ingest(Path data, Path log) {
        return CliRun.of("ingest", "--data", data.toString(), "--year", "2025", "--timezone", "UTC",
                "--commit-every", "2000", log.toString());
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsAClearErrorWithExitOne() throws IOException {
        Path log = log(10);
        Path aFile = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRun run = ingest(aFile.resolve("data"), log);
        assertThat(run.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).startsWith("ingest: ").contains(aFile.resolve("data").toString()).doesNotContain("internal error");
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
    }

    @Test
    void dataDirectoryLockedByAnotherWriterIsAClearErrorAndTheStoreStaysUsable() throws IOException {
        Path log = log(200);
        Path data = dir.resolve("data");
        assertThat(ingest(data, log).exit()).isZero();
        long rows;
        try (TraceStore holder = TraceStores.open("lucene", data, false)) {
            rows = holder.count(TraceQuery.all());
            CliRun blocked = ingest(data, log);
            assertThat(blocked.exit()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(blocked.err()).startsWith("ingest: ").contains(data.toString()).doesNotContain("internal error");
        }
        CliRun after = ingest(data, log);
        assertThat(after.exit()).as(after.err()).isZero();
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            assertThat(store.count(TraceQuery.all())).isEqualTo(rows);
        }
    }

    @Test
    void readOnlyFilesystemIsAClearErrorWithExitOne() throws Exception {
        Path mount = dir.resolve("ro");
        Files.createDirectories(mount);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mount.toString()),
                "cannot mount a read-only tmpfs here (needs root): skipping");
        try {
            CliRun run = ingest(mount.resolve("data"), log(10));
            assertThat(run.exit()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(run.err()).startsWith("ingest: ").contains(mount.resolve("data").toString()).doesNotContain("internal error");
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void fullDiskIsAClearErrorAndTheStoreResumesFromItsLastGoodCommit() throws Exception {
        Path log = log(20_000);
        Path reference = dir.resolve("reference");
        assertThat(ingest(reference, log).exit()).isZero();
        Path mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()),
                "cannot mount a 2 MB tmpfs here (needs root): skipping the full-disk test");
        Path copy = dir.resolve("copy");
        try {
            Path data = mount.resolve("data");
            CliRun full = ingest(data, log);
            assertThat(full.exit()).as(full.out()).isEqualTo(Main.RUNTIME_ERROR);
            assertThat(full.err()).startsWith("ingest: ").contains("No space left").doesNotContain("internal error");
            try (TraceStore store = TraceStores.open("lucene", data, true)) {
                assertThat(store.count(TraceQuery.all())).isLessThan(countRows(reference));
            }
            assertThat(run("cp", "-a", data.toString(), copy.toString())).isTrue();
        } finally {
            run("umount", mount.toString());
        }
        CliRun resumed = ingest(copy, log);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(trace(copy)).isEqualTo(trace(reference));
    }

    private static long countRows(Path data) {
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            return store.count(TraceQuery.all());
        }
    }

    private static List<String> trace(Path data) {
        CliRun run = CliRun.of("trace", "--data", data.toString(), "--output", "csv", "--limit", "10000000");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = new ArrayList<>(run.out().lines().toList());
        lines.sort(null);
        return lines;
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
