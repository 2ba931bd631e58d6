package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * Crash safety end to end: {@code kill -9} of a real ingest process at random moments, then the same
 * command again until it completes, must give exactly the store of one uninterrupted run: the same
 * rows (every field) and the same trace details (every event).
 */
class KillResumeIT {
    private static final int KILLS = 10;
    /** Longest wait for a child to make its first commit before it is killed anyway. */
    private static final long FIRST_COMMIT_WAIT_MILLIS = 30_000;

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsThenResumingEqualsAnUninterruptedRun() throws Exception {
        Path log = dir.resolve("mail.log");
        KillResume.writeLog(log, 30_000);
        long lines;
        try (var s = Files.lines(log)) {
            lines = s.count();
        }
        assertThat(lines).isGreaterThan(200_000);

        Path reference = dir.resolve("reference");
        CliRun uninterrupted = CliRun.of(ingestArgs(reference, log));
        assertThat(uninterrupted.exit()).as(uninterrupted.err()).isZero();

        Path crashed = dir.resolve("crashed");
        Path childLog = dir.resolve("child.log");
        Random random = new Random(20261128);
        int kills = 0;
        long total = rowCount(reference);
        TreeSet<Long> rowCountsAfterKills = new TreeSet<>();
        // Past KILLS until three kills left different partial stores: on a loaded machine several
        // children in a row may die before their first commit.
        for (int attempt = 0; (kills < KILLS || rowCountsAfterKills.subSet(1L, total).size() < 3) && attempt < 60; attempt++) {
            Process p = ChildCli.start(childLog, ingestArgs(crashed, log));
            if (attempt % 2 == 1) {
                // Every other kill lands 100-1500 ms after this run's first commit, so runs make progress
                // even on a slow, busy machine; the others land 100-1500 ms after launch (startup, restore).
                awaitNextCommit(crashed, lastCommit(crashed), p);
            }
            Thread.sleep(100 + random.nextInt(1401));
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
                kills++;
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            rowCountsAfterKills.add(rowCount(crashed));
        }
        assertThat(kills).as("kills delivered while ingest ran").isGreaterThanOrEqualTo(KILLS);
        Process last = ChildCli.start(childLog, ingestArgs(crashed, log));
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the resuming run ends (a loaded CI machine is slow)").isTrue();
        assertThat(last.exitValue()).as(Files.readString(childLog)).isZero();

        assertThat(rowCountsAfterKills.subSet(1L, total))
                .as("kills landed between commits, with partial stores in between")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(KillResume.sortedRows("--data", crashed.toString()))
                .isEqualTo(KillResume.sortedRows("--data", reference.toString()));
        assertThat(details(crashed)).isEqualTo(details(reference));
    }

    /** Lucene's commit generation: the N of the newest {@code index/segments_N}, or -1. */
    private static long lastCommit(Path data) throws IOException {
        Path index = data.resolve("index");
        if (!Files.isDirectory(index)) {
            return -1;
        }
        long newest = -1;
        try (var files = Files.list(index)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("segments_")) {
                    newest = Math.max(newest, Long.parseLong(name.substring("segments_".length()), Character.MAX_RADIX));
                }
            }
        }
        return newest;
    }

    private static void awaitNextCommit(Path data, long before, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + FIRST_COMMIT_WAIT_MILLIS;
        while (p.isAlive() && lastCommit(data) <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String[] ingestArgs(Path data, Path log) {
        return new String[] {"ingest", "--data", data.toString(), "--year", "2025", "--timezone", "UTC",
                "--commit-every", "5000", "--commit-interval", "1ms", "--output", "json", log.toString()};
    }

    private static long rowCount(Path data) {
        if (!Files.isDirectory(data)) {
            return 0;
        }
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            return store.count(TraceQuery.all());
        }
    }

    /** Every trace with all its events, as JSON, by trace ID. */
    private static TreeMap<String, String> details(Path data) throws IOException {
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            return KillResume.details(store);
        }
    }
}
