package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/** {@code serve}'s {@code watch-dir}: the live ingest thread reads the rotations, then follows the live log; in an Exchange folder, each series into its next file. */
class ServeWatchDirTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRotationsThenFollowsTheLiveLog() throws Exception {
        List<String> lines = WatchDirIngestTest.LINES;
        Path logs = Files.createDirectory(tmp.resolve("log"));
        Files.write(logs.resolve("maillog-20261128.bz2"), WatchDirIngestTest.bzip2(join(lines.subList(0, 100))));
        Path live = Files.writeString(logs.resolve("maillog"), join(lines.subList(100, 150)));
        Path data = tmp.resolve("data");
        ServerConfig cfg = ServerConfig.parse(Map.of("data", List.of(data.toString()),
                "watch-dir", List.of(logs.toString()), "log-pattern", List.of("maillog*"), "timezone", List.of("UTC"),
                "retention-days", List.of("0"), "accepted-domain", List.of("example.test"),
                "trusted-network", List.of("127.0.0.2/32")));
        assertThat(cfg.hasLiveSources()).isTrue();
        StringWriter err = new StringWriter();
        try (TraceStore store = TraceStores.open("lucene", data, false)) {
            try (LiveIngest ingest = LiveIngest.start(cfg, store, new ServerMetrics(), null, new PrintWriter(err, true))) {
                awaitPosition(store, live);
                Files.writeString(live, join(lines.subList(150, lines.size())), StandardOpenOption.APPEND);
                awaitPosition(store, live);
                assertThat(ingest.problems()).isEmpty();
            }
        }
        assertThat(err.toString()).contains("serve: watching " + logs + " for 'maillog*'");

        Path whole = Files.writeString(tmp.resolve("whole.log"), join(lines));
        Path refData = tmp.resolve("reference");
        CliRun ref = CliRun.of("ingest", "--data", refData.toString(), "--timezone", "UTC", "--retention-days", "0",
                "--accepted-domain", "example.test", "--trusted-network", "127.0.0.2/32", whole.toString());
        assertThat(ref.exit()).as(ref.err()).isZero();
        assertThat(rows(data)).as("every message once with its final status").isEqualTo(rows(refData)).isNotEmpty();
    }

    @Test
    void followsAnExchangeFolderIntoTheNextFileOfASeries() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("MessageTracking"));
        Path first = Files.writeString(folder.resolve("MSGTRK2026120310-1.LOG"), WatchDirExchangeFollowTest.header("2026-12-03T10:00:00.017Z")
                + WatchDirExchangeFollowTest.received("10:05:00.000", "m1", "2101", "erin@fabrikam.test", "bob@contoso.test"));
        Path data = tmp.resolve("data");
        ServerConfig cfg = ServerConfig.parse(Map.of("data", List.of(data.toString()),
                "watch-dir", List.of(folder.toString()), "log-pattern", List.of("MSGTRK*"), "format", List.of("exchange"), "retention-days", List.of("0"),
                "accepted-domain", List.of("contoso.test"), "trusted-network", List.of("10.0.0.0/24")));
        StringWriter err = new StringWriter();
        try (TraceStore store = TraceStores.open("lucene", data, false)) {
            try (LiveIngest ingest = LiveIngest.start(cfg, store, new ServerMetrics(), null, new PrintWriter(err, true))) {
                awaitPosition(store, first);
                Path second = Files.writeString(folder.resolve("MSGTRK2026120310-2.LOG"),
                        WatchDirExchangeFollowTest.header("2026-12-03T10:41:12.345Z")
                        + WatchDirExchangeFollowTest.received("10:42:00.000", "m3", "2103", "erin@fabrikam.test", "frank@contoso.test"));
                Path delivery = Files.writeString(folder.resolve("MSGTRKMD2026120310-1.LOG"),
                        WatchDirExchangeFollowTest.header("2026-12-03T10:05:00.880Z")
                        + WatchDirExchangeFollowTest.delivered("10:05:01.000", "m1", "8101", "erin@fabrikam.test", "bob@contoso.test"));
                awaitPosition(store, second);
                awaitPosition(store, delivery);
                Files.writeString(delivery, WatchDirExchangeFollowTest.delivered("10:42:01.000", "m3", "8102",
                        "erin@fabrikam.test", "frank@contoso.test"), StandardOpenOption.APPEND);
                awaitPosition(store, delivery);
                assertThat(ingest.problems()).isEmpty();
            }
        }
        List<String> statuses = new ArrayList<>();
        for (String row : rows(data)) {
            var json = TraceJson.mapper().readTree(row);
            statuses.add(json.get("recipientAddress").asText() + " " + json.get("status").asText());
        }
        assertThat(statuses).containsExactlyInAnyOrder("bob@contoso.test Delivered", "frank@contoso.test Delivered");
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /** Waits until the committed position of {@code live} is its end. */
    private static void awaitPosition(TraceStore store, Path live) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        long size = Files.size(live);
        while (store.checkpoint().positions().values().stream()
                .noneMatch(p -> p.source().equals(live.toString()) && p.offset() == size)) {
            assertThat(System.currentTimeMillis()).as("live ingest reached the end of " + live).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> rows(Path data) throws Exception {
        CliRun run = CliRun.of("trace", "--data", data.toString(), "--output", "json", "--limit", "10000000");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        TraceJson.mapper().readTree(run.out()).forEach(r -> out.add(r.toString()));
        out.sort(null);
        return out;
    }
}
