package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract end to end, in process, on a real Postfix log written by the end-to-end suite. */
class IngestAndSearchTest {
    static final Path LOG = Path.of("../mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    String data;

    @BeforeEach
    void ingest() {
        data = tmp.resolve("data").toString();
        CliRun r = CliRun.of("ingest", "--data", data, "--accepted-domain", "example.test",
                "--trusted-network", "127.0.0.2/32", "--retention-days", "0", LOG.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private JsonNode rows(String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", "--data", data, "--output", "json"));
        args.addAll(List.of(filters));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void summaryAccountsForEveryLine() throws Exception {
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("other").toString(), "--output", "json",
                "--retention-days", "0", LOG.toString());
        JsonNode s = JSON.readTree(r.out());
        long lines = Files.readAllLines(LOG).size();
        assertThat(s.get("linesRead").asLong()).isEqualTo(lines);
        assertThat(s.get("used").asLong() + s.get("ignored").asLong() + s.get("foreign").asLong()
                + s.get("malformed").asLong()).isEqualTo(lines);
        assertThat(s.get("malformed").asLong()).isZero();
        assertThat(s.get("traces").asLong()).isPositive();
        assertThat(s.get("rows").asLong()).isGreaterThanOrEqualTo(s.get("traces").asLong());
    }

    @Test
    void reingestingTheSameFileAddsNothing() throws Exception {
        JsonNode before = rows("--limit", "100000");
        CliRun again = CliRun.of("ingest", "--data", data, "--accepted-domain", "example.test",
                "--trusted-network", "127.0.0.2/32", "--retention-days", "0", LOG.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("nothing new");
        assertThat(rows("--limit", "100000")).isEqualTo(before);
    }

    @Test
    void aFileWithNothingNewKeepsItsPositionForEveryLaterRun() throws Exception {
        for (int run = 0; run < 2; run++) {
            CliRun again = CliRun.of("ingest", "--data", data, "--accepted-domain", "example.test",
                    "--trusted-network", "127.0.0.2/32", "--retention-days", "0", LOG.toString());
            assertThat(again.exit()).isZero();
            assertThat(again.out()).as("run " + run).contains("nothing new").doesNotContain("read from the start");
        }
    }

    @Test
    void traceJsonIsAnArrayOfRowsWithProductFieldNames() throws Exception {
        JsonNode rows = rows();
        assertThat(rows.isArray()).isTrue();
        JsonNode first = rows.get(0);
        for (String f : List.of("received", "senderAddress", "recipientAddress", "subject", "status", "messageId",
                "messageTraceId", "fromIp", "toIp", "size", "direction", "hosts", "queueIds")) {
            assertThat(first.has(f)).as(f).isTrue();
        }
        assertThat(first.get("received").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(first.get("queueIds").isArray()).isTrue();
        assertThat(first.get("hosts").isArray()).isTrue();
    }

    @Test
    void rowsAreNewestFirst() throws Exception {
        JsonNode rows = rows();
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).get("received").asText()).isGreaterThanOrEqualTo(rows.get(i).get("received").asText());
        }
    }

    @Test
    void wildcardsStatusesAndDirectionsFilter() throws Exception {
        for (JsonNode r : rows("--recipient", "*@remote.test")) {
            // The recipient, or where an alias or forward sent its mail, is at remote.test.
            List<String> names = new ArrayList<>(List.of(r.get("recipientAddress").asText()));
            r.get("finalRecipients").forEach(f -> names.add(f.asText()));
            assertThat(names).anyMatch(a -> a.endsWith("@remote.test"));
        }
        JsonNode failed = rows("--status", "Failed", "--sender", "mt-sender@*");
        assertThat(failed.size()).isPositive();
        for (JsonNode r : failed) {
            assertThat(r.get("status").asText()).isEqualTo("Failed");
            assertThat(r.get("senderAddress").asText()).startsWith("mt-sender@");
        }
        JsonNode bounces = rows("--sender", "<>");
        assertThat(bounces.size()).isPositive();
        for (JsonNode r : bounces) {
            assertThat(r.get("senderAddress").asText()).isEmpty();
        }
        for (JsonNode r : rows("--direction", "Outbound")) {
            assertThat(r.get("direction").asText()).isEqualTo("Outbound");
        }
    }

    @Test
    void limitPagesWithACursorAndNothingIsLost() throws Exception {
        JsonNode all = rows("--limit", "100000");
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            List<String> args = new ArrayList<>(List.of("trace", "--data", data, "--output", "json", "--limit", "4"));
            if (cursor != null) {
                args.addAll(List.of("--cursor", cursor));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            JSON.readTree(r.out()).forEach(n -> paged.add(n.get("messageTraceId").asText() + n.get("recipientAddress").asText()));
            cursor = r.err().contains("--cursor ") ? r.err().replaceAll("(?s).*--cursor (\\S+).*", "$1") : null;
        } while (cursor != null);
        List<String> expected = new ArrayList<>();
        all.forEach(n -> expected.add(n.get("messageTraceId").asText() + n.get("recipientAddress").asText()));
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    void detailJsonHasFieldsEventsAndRelated() throws Exception {
        JsonNode bounced = rows("--recipient", "reject-out@remote.test");
        assertThat(bounced.size()).isEqualTo(1);
        String id = bounced.get(0).get("messageTraceId").asText();
        CliRun r = CliRun.of("detail", "--data", data, id, "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = JSON.readTree(r.out());
        assertThat(d.get("messageTraceId").asText()).isEqualTo(id);
        assertThat(d.get("events").isArray()).isTrue();
        JsonNode e = d.get("events").get(0);
        for (String f : List.of("date", "event", "action", "detail", "recipientAddress", "data")) {
            assertThat(e.has(f)).as(f).isTrue();
        }
        List<String> kinds = new ArrayList<>();
        d.get("events").forEach(ev -> kinds.add(ev.get("event").asText()));
        assertThat(kinds).contains("RECEIVE", "FAIL", "NDR");
        assertThat(d.get("related").size()).isPositive();
        assertThat(d.get("related").get(0).get("relation").asText()).isEqualTo("ndr");
    }

    @Test
    void detailOfAnUnknownTraceIsARuntimeError() {
        CliRun r = CliRun.of("detail", "--data", data, "00000000-0000-0000-0000-000000000000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no such trace");
    }

    @Test
    void csvUsesMicrosoftColumnNames() {
        CliRun r = CliRun.of("trace", "--data", data, "--output", "csv");
        assertThat(r.out()).startsWith("Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId");
    }

    @Test
    void tableIsReadableAndShowsTheRequestedZone() {
        CliRun r = CliRun.of("trace", "--data", data, "--timezone", "Europe/Berlin", "--limit", "3");
        assertThat(r.out()).contains("RECEIVED (Europe/Berlin)").contains("STATUS").contains("3 rows");
        assertThat(r.err()).contains("More rows match");
    }

    @Test
    void gzipAndStandardInputGiveTheSameRowsAsThePlainFile() throws Exception {
        Path gz = tmp.resolve("mail.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(LOG));
        }
        String fromGz = tmp.resolve("gz").toString();
        assertThat(CliRun.of("ingest", "--data", fromGz, "--accepted-domain", "example.test", "--trusted-network",
                "127.0.0.2/32", "--retention-days", "0", gz.toString()).exit()).isZero();
        String fromStdin = tmp.resolve("stdin").toString();
        assertThat(CliRun.withStdin(new ByteArrayInputStream(Files.readAllBytes(LOG)), "ingest", "--data", fromStdin,
                "--accepted-domain", "example.test", "--trusted-network", "127.0.0.2/32", "--retention-days", "0", "-").exit()).isZero();
        String plain = CliRun.of("trace", "--data", data, "--output", "json", "--limit", "100000").out();
        assertThat(CliRun.of("trace", "--data", fromGz, "--output", "json", "--limit", "100000").out()).isEqualTo(plain);
        assertThat(CliRun.of("trace", "--data", fromStdin, "--output", "json", "--limit", "100000").out()).isEqualTo(plain);
    }
}
