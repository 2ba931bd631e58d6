package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * {@code ingest --watch-dir --log-pattern 'MSGTRK*.LOG' --follow} on an Exchange MessageTracking
 * folder (hand-written logs of one Mailbox server, mbx01): a complete older file is read, the current
 * file is followed as rows are appended, a size rollover to {@code -2} moves the follower to the new
 * file while a row written late to the old one is still read, a second series' file is followed too,
 * and restarts (once, then following again) read nothing twice: the store holds exactly the traces a
 * single read of the final folder gives.
 */
class WatchDirExchangeFollowTest {
    static final String[] SETTINGS = {"--timezone", "UTC", "--retention-days", "0",
            "--accepted-domain", "contoso.test", "--trusted-network", "10.0.0.0/24"};
    static final List<String> FIELDS = List.of("date-time", "client-ip", "client-hostname", "server-ip", "server-hostname",
            "source-context", "connector-id", "source", "event-id", "internal-message-id", "message-id", "network-message-id",
            "recipient-address", "recipient-status", "total-bytes", "recipient-count", "related-recipient-address", "reference",
            "message-subject", "sender-address", "return-path", "message-info", "directionality", "tenant-id",
            "original-client-ip", "original-server-ip", "custom-data", "transport-traffic-type", "log-id", "schema-version");

    @TempDir
    Path tmp;
    Path folder;
    Path data;

    @BeforeEach
    void directories() throws IOException {
        folder = Files.createDirectory(tmp.resolve("MessageTracking"));
        data = tmp.resolve("data");
    }

    @Test
    void followsEachSeriesCurrentFileThroughASizeRolloverAndRestartsWithoutReadingTwice() throws Exception {
        Files.writeString(folder.resolve("MSGTRK2026120309-1.LOG"), header("2026-12-03T09:00:00.031Z")
                + received("09:15:00.100", "m0", "2001", "alice@contoso.test", "dave@fabrikam.test")
                + sentOut("09:15:01.200", "m0", "2001", "alice@contoso.test", "dave@fabrikam.test"));
        Path first = Files.writeString(folder.resolve("MSGTRK2026120310-1.LOG"), header("2026-12-03T10:00:00.017Z")
                + received("10:05:00.000", "m1", "2101", "erin@fabrikam.test", "bob@contoso.test"));

        Path childLog = tmp.resolve("follow.out");
        Process follow = ChildCli.start(childLog, args("--follow", "--poll-interval", "100ms", "--commit-interval", "300ms"));
        Path second = folder.resolve("MSGTRK2026120310-2.LOG");
        Path delivery = folder.resolve("MSGTRKMD2026120310-1.LOG");
        try {
            awaitCaughtUp(first, childLog);
            assertThat(statuses()).as("the older file read, the current one followed").containsExactly(
                    "m0 alice@contoso.test dave@fabrikam.test Delivered", "m1 erin@fabrikam.test bob@contoso.test GettingStatus");

            Files.writeString(first, received("10:20:00.000", "m2", "2102", "alice@contoso.test", "carol@fabrikam.test"),
                    StandardOpenOption.APPEND);
            awaitCaughtUp(first, childLog);

            // The size limit: Transport goes on in -2; the follower must move there.
            Files.writeString(second, header("2026-12-03T10:41:12.345Z")
                    + sentOut("10:41:30.000", "m2", "2102", "alice@contoso.test", "carol@fabrikam.test")
                    + received("10:42:00.000", "m3", "2103", "erin@fabrikam.test", "frank@contoso.test"));
            awaitCaughtUp(second, childLog);
            // A row the old file got late, after the follower moved on.
            Files.writeString(first, agentInfo("10:41:10.500", "m2", "2102", "alice@contoso.test", "carol@fabrikam.test"),
                    StandardOpenOption.APPEND);
            awaitCaughtUp(first, childLog);

            // Another series (Mailbox Transport Delivery) starts its file: followed as well.
            Files.writeString(delivery, header("2026-12-03T10:05:00.880Z")
                    + delivered("10:05:01.000", "m1", "8101", "erin@fabrikam.test", "bob@contoso.test"));
            awaitCaughtUp(delivery, childLog);
            Files.writeString(delivery, delivered("10:42:01.000", "m3", "8102", "erin@fabrikam.test", "frank@contoso.test"),
                    StandardOpenOption.APPEND);
            awaitCaughtUp(delivery, childLog);
        } finally {
            follow.destroy(); // SIGTERM
        }
        assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String followOutput = Files.readString(childLog);
        assertThat(follow.exitValue()).as(followOutput).isZero();
        assertThat(followOutput).contains("followed until a newer file of its series appeared");
        assertThat(linesRead(followOutput)).as("every line of the folder once; " + followOutput).isEqualTo(linesInFolder());
        assertThat(statuses()).as(followOutput).containsExactly(
                "m0 alice@contoso.test dave@fabrikam.test Delivered",
                "m1 erin@fabrikam.test bob@contoso.test Delivered",
                "m2 alice@contoso.test carol@fabrikam.test Delivered",
                "m3 erin@fabrikam.test frank@contoso.test Delivered");
        assertTracesAsOneReadOfTheFolderGives(followOutput);

        CliRun again = CliRun.of(args("--output", "json"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(TraceJson.mapper().readTree(again.out()).get("linesRead").asLong()).as(again.out()).isZero();
        assertTracesAsOneReadOfTheFolderGives(again.out());

        // Following again: every file resumes at its saved position; only the new rows are read.
        Process resumed = ChildCli.start(childLog, args("--follow", "--poll-interval", "100ms", "--commit-interval", "300ms"));
        try {
            awaitStarted(childLog, 2);
            Files.writeString(second, received("10:50:00.000", "m4", "2104", "erin@fabrikam.test", "grace@contoso.test"),
                    StandardOpenOption.APPEND);
            awaitCaughtUp(second, childLog);
            Files.writeString(delivery, delivered("10:50:00.700", "m4", "8103", "erin@fabrikam.test", "grace@contoso.test"),
                    StandardOpenOption.APPEND);
            awaitCaughtUp(delivery, childLog);
        } finally {
            resumed.destroy();
        }
        assertThat(resumed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String resumedOutput = Files.readString(childLog);
        assertThat(resumed.exitValue()).as(resumedOutput).isZero();
        assertThat(linesRead(resumedOutput)).as("just the two new rows; " + resumedOutput).isEqualTo(2);
        assertThat(statuses()).as(resumedOutput).hasSize(5).contains("m4 erin@fabrikam.test grace@contoso.test Delivered");
        assertTracesAsOneReadOfTheFolderGives(resumedOutput);
    }

    @Test
    void aPatternSelectingEveryExchangeSeriesIsOneLogReadOnceOldestFirst() throws IOException {
        Files.writeString(folder.resolve("MSGTRKMD2026120310-1.LOG"), header("2026-12-03T10:05:00.880Z")
                + delivered("10:05:01.000", "m1", "8101", "erin@fabrikam.test", "bob@contoso.test"));
        Files.writeString(folder.resolve("MSGTRK2026120310-1.LOG"), header("2026-12-03T10:00:00.017Z")
                + received("10:05:00.000", "m1", "2101", "erin@fabrikam.test", "bob@contoso.test"));
        CliRun once = CliRun.of(args());
        assertThat(once.exit()).as(once.err()).isZero();
        assertThat(statuses()).containsExactly("m1 erin@fabrikam.test bob@contoso.test Delivered");
    }

    /** The last summary's "lines read" count. */
    private static long linesRead(String output) {
        Matcher m = Pattern.compile("(?m)^lines read +(\\d+)").matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        assertThat(last).as(output).isNotNegative();
        return last;
    }

    private long linesInFolder() throws IOException {
        long n = 0;
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                n += Files.readAllLines(f).size();
            }
        }
        return n;
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--watch-dir", folder.toString(),
                "--log-pattern", "MSGTRK*.LOG"));
        all.addAll(List.of(SETTINGS));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The stored traces, each event once, equal to those of one read of the folder as it is now into another store. */
    private void assertTracesAsOneReadOfTheFolderGives(String context) throws IOException {
        Path refData = Files.createTempDirectory(tmp, "reference");
        List<String> ref = new ArrayList<>(List.of("ingest", "--data", refData.toString()));
        ref.addAll(List.of(SETTINGS));
        ref.add(folder.toString());
        CliRun r = CliRun.of(ref.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> stored = traces(data);
        assertThat(stored).as(context).isEqualTo(traces(refData)).isNotEmpty();
    }

    /** Every stored trace as JSON by message-ID, checking that no event was stored twice. */
    private static Map<String, String> traces(Path data) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (TraceStore store = TraceStores.open("lucene", data, true)) {
            for (JsonNode row : rows(data)) {
                MessageTrace t = store.get(row.get("messageTraceId").asText()).orElseThrow();
                Set<String> events = new HashSet<>();
                for (TraceEvent e : t.events()) {
                    assertThat(events.add(e.toString())).as("event stored twice in " + t.messageId() + ": " + e).isTrue();
                }
                out.put(t.messageId(), TraceJson.mapper().writeValueAsString(t));
            }
        }
        return out;
    }

    /** "message sender recipient status" of every stored row, sorted. */
    private List<String> statuses() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows(data)) {
            String id = row.get("messageId").asText().replaceAll("^<|@.*$", "");
            out.add(id + " " + row.get("senderAddress").asText() + " " + row.get("recipientAddress").asText() + " "
                    + row.get("status").asText());
        }
        out.sort(null);
        assertThat(new HashSet<>(out)).as("every row once").hasSameSizeAs(out);
        return out;
    }

    private static List<JsonNode> rows(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        CliRun run = CliRun.of("trace", "--data", data.toString(), "--output", "json", "--limit", "1000");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        TraceJson.mapper().readTree(run.out()).forEach(rows::add);
        return rows;
    }

    /** Waits until the follower's committed position on {@code file} is the file's end. */
    private void awaitCaughtUp(Path file, Path childLog) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000; // a loaded machine starts JVMs slowly
        long size = Files.size(file);
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(data)) {
                try (TraceStore store = TraceStores.open("lucene", data, true)) {
                    if (store.checkpoint().positions().values().stream()
                            .anyMatch(p -> p.source().equals(file.toString()) && p.offset() == size)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ingest --watch-dir --follow did not catch up with " + file + ": " + Files.readString(childLog));
    }

    /** Waits until the child log says the watch started for the {@code n}th time. */
    private static void awaitStarted(Path childLog, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String log = Files.readString(childLog);
            if (log.split("ingest: watching ", -1).length - 1 >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ingest did not start watching: " + Files.readString(childLog));
    }

    // Hand-written rows of mbx01.contoso.test (10.0.0.11) after the goldens under golden/exchange.

    static String header(String date) {
        return "\uFEFF#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.004\r\n#Log-type: Message Tracking Log\r\n"
                + "#Date: " + date + "\r\n#Fields: " + String.join(",", FIELDS) + "\r\n";
    }

    /** An SMTP RECEIVE: from the Internet when the sender is not ours, else from the mailbox server itself. */
    static String received(String time, String msg, String internalId, String sender, String recipient) {
        boolean outside = !sender.endsWith("@contoso.test");
        Map<String, String> f = common(time, msg, internalId, sender, recipient);
        f.put("client-ip", outside ? "203.0.113.7" : "10.0.0.11");
        f.put("client-hostname", outside ? "mx.fabrikam.test" : "mbx01.contoso.test");
        f.put("server-ip", "10.0.0.11");
        f.put("server-hostname", "mbx01.contoso.test");
        f.put("connector-id", outside ? "MBX01\\Default Frontend MBX01" : "MBX01\\Default MBX01");
        f.put("source", "SMTP");
        f.put("event-id", "RECEIVE");
        f.put("directionality", outside ? "Incoming" : "Originating");
        return row(f);
    }

    static String sentOut(String time, String msg, String internalId, String sender, String recipient) {
        Map<String, String> f = common(time, msg, internalId, sender, recipient);
        f.put("client-ip", "10.0.0.11");
        f.put("client-hostname", "mbx01.contoso.test");
        f.put("server-ip", "203.0.113.25");
        f.put("server-hostname", "mx.fabrikam.test");
        f.put("source-context", "250 2.0.0 Message accepted for delivery");
        f.put("connector-id", "Internet");
        f.put("source", "SMTP");
        f.put("event-id", "SEND");
        f.put("recipient-status", "250 2.0.0 Message accepted for delivery");
        f.put("directionality", "Originating");
        return row(f);
    }

    static String agentInfo(String time, String msg, String internalId, String sender, String recipient) {
        Map<String, String> f = common(time, msg, internalId, sender, recipient);
        f.put("server-hostname", "mbx01.contoso.test");
        f.put("source-context", "Transport Rule Agent");
        f.put("source", "AGENT");
        f.put("event-id", "AGENTINFO");
        f.put("directionality", "Originating");
        f.put("custom-data", "S:TRA=ETR|ruleId=6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0|action=PrependSubject|mode=Enforce");
        return row(f);
    }

    static String delivered(String time, String msg, String internalId, String sender, String recipient) {
        Map<String, String> f = common(time, msg, internalId, sender, recipient);
        f.put("client-ip", "10.0.0.11");
        f.put("client-hostname", "mbx01.contoso.test");
        f.put("server-ip", "10.0.0.11");
        f.put("server-hostname", "mbx01.contoso.test");
        f.put("source-context", "MDB:5a1e9d1c-2b3f-4c5d-8e7f-0a1b2c3d4e5f; MessageClass:IPM.Note; ClientType:StoreDriver");
        f.put("source", "STOREDRIVER");
        f.put("event-id", "DELIVER");
        f.put("directionality", "Incoming");
        return row(f);
    }

    private static Map<String, String> common(String time, String msg, String internalId, String sender, String recipient) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("date-time", "2026-12-03T" + time + "Z");
        f.put("internal-message-id", internalId);
        f.put("message-id", "<" + msg + "@" + sender.substring(sender.indexOf('@') + 1) + ">");
        f.put("network-message-id", "0a1b2c3d-4e5f-4a6b-8c7d-08ddf3a1" + String.format("%04x", msg.hashCode() & 0xffff));
        f.put("recipient-address", recipient);
        f.put("total-bytes", "5120");
        f.put("recipient-count", "1");
        f.put("message-subject", "Note " + msg);
        f.put("sender-address", sender);
        f.put("return-path", sender);
        f.put("transport-traffic-type", "Email");
        f.put("log-id", "08DCF2A1B3C4" + String.format("%04X", (time + internalId).hashCode() & 0xffff));
        f.put("schema-version", "15.02.1544.004");
        return f;
    }

    private static String row(Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        for (String name : FIELDS) {
            cells.add(values.getOrDefault(name, ""));
        }
        return String.join(",", cells) + "\r\n";
    }
}
