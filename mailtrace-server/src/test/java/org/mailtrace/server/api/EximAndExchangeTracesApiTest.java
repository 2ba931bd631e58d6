package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.OtherFormatsSample;

/**
 * Exim and Exchange traces through the real server over real HTTP: searches by sender, recipient
 * and Message-ID give the rows with the statuses the golden files expect, the detail gives the
 * timeline those files hold, and the CSV report has the same M365 columns as one of Postfix mail.
 */
class EximAndExchangeTracesApiTest {
    /** Every line of both samples was logged in December 2026. */
    private static final String RANGE = "start=2026-12-01&end=2026-12-31&limit=5000";

    private static ApiFixture api;
    private static String admin;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("0")), OtherFormatsSample::ingest);
        admin = HttpApi.bearer(api.token("admin"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static JsonNode rows(String filter) {
        HttpApi.Answer a = api.http.get("/api/v1/traces?" + filter + "&" + RANGE, admin);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("rows");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** recipient -> status of the rows. */
    private static Map<String, String> statuses(JsonNode rows) {
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.get("recipientAddress").asText(), r.get("status").asText()));
        return out;
    }

    /** The expected trace of a golden file that has {@code queueId} (Exim) or {@code messageId} (Exchange). */
    private static JsonNode golden(Path file, String field, String value) throws IOException {
        for (JsonNode t : TraceJson.mapper().readTree(file.toFile())) {
            if (field.equals("queueIds") ? t.get("queueIds").toString().contains("\"" + value + "\"")
                    : t.get(field).asText().equals(value)) {
                return t;
            }
        }
        throw new AssertionError(file + ": no trace with " + field + " " + value);
    }

    private static JsonNode detail(String traceId) {
        HttpApi.Answer a = api.http.get("/api/v1/traces/" + traceId, admin);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void eximRowsAreFoundBySenderRecipientAndMessageIdWithTheirStatuses() {
        assertThat(statuses(rows("sender=mt-sender@example.test"))).containsEntry("later-out@remote.test", "Delivered")
                .containsEntry("defer-out@remote.test", "Failed").containsEntry("reject-out@remote.test", "Failed")
                .containsEntry("ok-auth-plain@remote.test", "Delivered").containsEntry("defer-frozen@remote.test", "Dropped")
                .containsEntry("mt-bob@example.test", "Delivered");
        assertThat(statuses(rows("sender=c08@client.test"))).containsExactly(Map.entry("nosuch-user@example.test", "Failed"));
        assertThat(statuses(rows("recipient=mt-carol@example.test"))).containsExactly(Map.entry("mt-carol@example.test", "Dropped"));
        JsonNode byId = rows("messageId=" + q("<20261203004724.020654@vm>"));
        assertThat(statuses(byId)).containsExactly(Map.entry("ok-auth-plain@remote.test", "Delivered"));
        assertThat(byId.get(0).get("hosts").toString()).isEqualTo("[\"localhost\"]");
        assertThat(byId.get(0).get("queueIds").toString()).isEqualTo("[\"1xYuyq-0005N9-33\"]");
    }

    @Test
    void anEximDetailHasTheTimelineOfItsGoldenFile() throws IOException {
        JsonNode row = rows("recipient=later-out@remote.test");
        assertThat(statuses(row)).containsExactly(Map.entry("later-out@remote.test", "Delivered"));
        JsonNode d = detail(row.get(0).get("messageTraceId").asText());
        JsonNode want = golden(OtherFormatsSample.EXIM.resolve("06-deferred-then-delivered.traces.json"), "queueIds",
                "1xYuyB-0005Cw-1E");
        assertThat(d.get("events")).isEqualTo(want.get("events"));
        assertThat(d.get("events").findValuesAsText("event")).containsExactly("RECEIVE", "DEFER", "DEFER", "SEND");
        assertThat(d.get("recipients")).isEqualTo(want.get("recipients"));
    }

    @Test
    void exchangeRowsAreFoundBySenderRecipientAndMessageIdWithTheirStatuses() {
        assertThat(statuses(rows("sender=alice@contoso.test"))).containsEntry("bob@contoso.test", "Delivered")
                .containsEntry("carol@fabrikam.test", "Delivered").containsEntry("nobody@fabrikam.test", "Failed");
        assertThat(statuses(rows("recipient=nobody@fabrikam.test"))).containsExactly(Map.entry("nobody@fabrikam.test", "Failed"));
        JsonNode byId = rows("messageId=" + q("<8f2c1a9e4b7d4e21a3c5d6e7f8091a2b@mbx01.contoso.test>"));
        assertThat(statuses(byId)).containsOnly(Map.entry("bob@contoso.test", "Delivered"),
                Map.entry("carol@fabrikam.test", "Delivered"));
        assertThat(byId.get(0).get("hosts").toString()).contains("mbx01.contoso.test", "edge01.contoso.test");
    }

    @Test
    void anExchangeDetailHasTheTimelineOfItsGoldenFile() throws IOException {
        String messageId = "<DM6PR04MB7201C0FFEE@mbx01.contoso.test>";
        JsonNode row = rows("messageId=" + q(messageId));
        assertThat(statuses(row)).containsExactly(Map.entry("nobody@fabrikam.test", "Failed"));
        JsonNode d = detail(row.get(0).get("messageTraceId").asText());
        JsonNode want = golden(OtherFormatsSample.EXCHANGE.get(1).resolveSibling("04-ndr-for-external-recipient.traces.json"),
                "messageId", messageId);
        assertThat(d.get("events")).isEqualTo(want.get("events"));
        assertThat(d.get("events").findValuesAsText("event")).contains("SUBMIT", "FAIL", "NDR");
    }

    @Test
    void theCsvReportHasTheSameM365ColumnsAsForPostfixMail() {
        List<String> csv = summaryCsv(api, admin);
        List<String> postfix = summaryCsv(ApiFixture.shared(), HttpApi.bearer(ApiFixture.shared().token("admin")));
        assertThat(csv.get(0)).isEqualTo(postfix.get(0)).startsWith("Received,SenderAddress,RecipientAddress,Subject,Status,");
        assertThat(csv).anySatisfy(l -> assertThat(l).contains(",mt-sender@example.test,later-out@remote.test,")
                .contains(",Delivered,"));
        assertThat(csv).anySatisfy(l -> assertThat(l).contains(",alice@contoso.test,nobody@fabrikam.test,")
                .contains(",Failed,"));
        assertThat(csv).hasSize(api.http.get("/api/v1/traces?limit=5000", admin).json().get("rows").size() + 1);
    }

    private static List<String> summaryCsv(ApiFixture f, String auth) {
        JsonNode r = ReportApiTest.order(f, auth, "{\"type\":\"summary\",\"title\":\"formats\"}");
        JsonNode done = ReportApiTest.awaitFinished(f, auth, r.get("id").asText());
        assertThat(done.get("state").asText()).isEqualTo("done");
        HttpApi.Answer csv = f.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", auth);
        assertThat(csv.status()).isEqualTo(200);
        return ReportApiTest.lines(csv.body());
    }
}
