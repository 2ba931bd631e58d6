package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.json.TraceJson;

/** Report jobs over the real server and store: CSV columns of each type, scopes, audit, download rules. */
class ReportApiTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    static JsonNode order(ApiFixture f, String auth, String body) {
        HttpApi.Answer a = f.http.send("POST", "/api/v1/reports", auth, body, Map.of());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    /** Polls until the report has finished (reports of the sample log take milliseconds). */
    static JsonNode awaitFinished(ApiFixture f, String auth, String id) {
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            JsonNode r = f.http.get("/api/v1/reports/" + id, auth).json();
            String state = r.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return r;
            }
            assertThat(System.currentTimeMillis()).as("report " + id + " still " + state).isLessThan(until);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static List<String> lines(String csv) {
        return List.of(csv.split("\r\n"));
    }

    @Test
    void summaryReportHasOneLinePerRowWithM365Columns() {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode r = order(api, admin, "{\"type\":\"summary\",\"title\":\"all rows\"}");
        assertThat(r.get("state").asText()).isIn("queued", "running", "done");
        assertThat(r.get("owner").asText()).isEqualTo("admin");
        JsonNode done = awaitFinished(api, admin, r.get("id").asText());
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("capped").asBoolean()).isFalse();
        assertThat(done.get("error").isNull()).isTrue();
        HttpApi.Answer csv = api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"all-rows-");
        List<String> lines = lines(csv.body());
        assertThat(lines.get(0)).isEqualTo("Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,"
                + "MessageTraceId,Direction,Hosts,QueueIds,FinalRecipients");
        long rows = api.http.get("/api/v1/traces?limit=5000", admin).json().get("rows").size();
        assertThat(lines).hasSize((int) rows + 1);
        assertThat(done.get("rows").asLong()).isEqualTo(rows);
        // newest first, like searches
        List<String> received = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(received).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void enhancedReportHasOneLinePerMessageWithRecipientStatuses() throws Exception {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode r = order(api, admin, "{\"type\":\"enhanced\",\"title\":\"messages\"}");
        awaitFinished(api, admin, r.get("id").asText());
        List<String> lines = lines(api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", admin).body());
        assertThat(lines.get(0)).isEqualTo("origin_timestamp_utc,sender_address,recipient_status,message_subject,total_bytes,"
                + "message_id,network_message_id,original_client_ip,directionality,connector_id,delivery_priority");
        JsonNode rows = api.http.get("/api/v1/traces?limit=5000", admin).json().get("rows");
        java.util.Set<String> traces = new java.util.HashSet<>();
        rows.forEach(x -> traces.add(x.get("messageTraceId").asText()));
        assertThat(lines).hasSize(traces.size() + 1);
        assertThat(lines.stream().filter(l -> l.contains("nosuch-user@example.test##Failed")).count()).isEqualTo(1);
    }

    @Test
    void extendedReportHasOneLinePerEventOfTheVisibleRows() {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode one = api.http.get("/api/v1/traces?recipient=nosuch-user@example.test&limit=1", admin).json().at("/rows/0");
        String traceId = one.get("messageTraceId").asText();
        JsonNode r = order(api, admin, "{\"type\":\"extended\",\"title\":\"events\",\"query\":{\"traceId\":\"" + traceId + "\"}}");
        awaitFinished(api, admin, r.get("id").asText());
        List<String> lines = lines(api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", admin).body());
        assertThat(lines.get(0)).startsWith("date_time_utc,client_ip,client_hostname,server_hostname,source,event_id,"
                + "internal_message_id,message_id,network_message_id,recipient_address").endsWith(",detail");
        JsonNode detail = api.http.get("/api/v1/traces/" + traceId, admin).json();
        assertThat(lines).hasSize(detail.get("events").size() + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(traceId));
        assertThat(String.join("\n", lines)).contains(",REJECT,");
    }

    @Test
    void aScopedReporterGetsOnlyRowsOfTheirDomainsAndOnlyTheirOwnReports() {
        String admin = HttpApi.bearer(api.token("admin"));
        HttpApi.Answer created = api.http.send("POST", "/api/v1/users", admin, "{\"name\":\"cm-remote\",\"role\":\"Compliance Management\","
                + "\"domains\":[\"remote.test\"],\"password\":\"" + ApiFixture.PASSWORD + "\"}", Map.of());
        assertThat(created.status()).isIn(201, 409);
        String scoped = HttpApi.basic("cm-remote", ApiFixture.PASSWORD);
        JsonNode r = order(api, scoped, "{\"type\":\"summary\",\"title\":\"mine\"}");
        awaitFinished(api, scoped, r.get("id").asText());
        List<String> lines = lines(api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", scoped).body());
        assertThat(lines.size()).isGreaterThan(1);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.split(",")[1].endsWith("remote.test") || l.split(",")[2].endsWith("remote.test"));
        // the admin's unscoped report is invisible to the scoped user (404, not 403)
        JsonNode adminReport = order(api, admin, "{\"type\":\"summary\",\"title\":\"everything\"}");
        assertThat(api.http.get("/api/v1/reports/" + adminReport.get("id").asText(), scoped).status()).isEqualTo(404);
        assertThat(api.http.get("/api/v1/reports/" + adminReport.get("id").asText() + "/download", scoped).status()).isEqualTo(404);
        JsonNode list = api.http.get("/api/v1/reports", scoped).json().get("reports");
        list.forEach(x -> assertThat(x.get("owner").asText()).isEqualTo("cm-remote"));
        // and the admin sees both
        JsonNode all = api.http.get("/api/v1/reports", admin).json().get("reports");
        assertThat(all.findValuesAsText("id")).contains(r.get("id").asText(), adminReport.get("id").asText());
    }

    @Test
    void createDownloadAndDeleteAreAuditedAndDeleteRemovesTheReport() {
        String compliance = HttpApi.bearer(api.token("compliance"));
        JsonNode r = order(api, compliance, "{\"type\":\"summary\",\"title\":\"audited\",\"query\":{\"status\":[\"Failed\"]}}");
        String id = r.get("id").asText();
        awaitFinished(api, compliance, id);
        assertThat(api.http.get("/api/v1/reports/" + id + "/download", compliance).status()).isEqualTo(200);
        assertThat(api.http.send("DELETE", "/api/v1/reports/" + id, compliance, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.http.get("/api/v1/reports/" + id, compliance).status()).isEqualTo(404);
        JsonNode log = api.http.get("/api/v1/audit?user=compliance&limit=50", compliance).json().get("entries");
        List<String> actions = new java.util.ArrayList<>();
        log.forEach(e -> {
            if (id.equals(e.path("target").asText())) {
                actions.add(e.get("action").asText() + (e.path("filter").has("deleted") ? ":delete" : ""));
            }
        });
        assertThat(actions).containsExactly("report:delete", "export", "report");
    }

    @Test
    void badOrdersAreRefusedBeforeQueueing() {
        String admin = HttpApi.bearer(api.token("admin"));
        assertThat(api.http.send("POST", "/api/v1/reports", admin, "{\"type\":\"weekly\"}", Map.of()).status()).isEqualTo(400);
        assertThat(api.http.send("POST", "/api/v1/reports", admin, "{\"type\":\"summary\",\"query\":{\"status\":[\"Lost\"]}}", Map.of()).status()).isEqualTo(400);
        assertThat(api.http.send("POST", "/api/v1/reports", admin, "{\"type\":\"summary\",\"notify\":{\"webhook\":\"file:///etc/passwd\"}}", Map.of()).status()).isEqualTo(400);
        HttpApi.Answer noRelay = api.http.send("POST", "/api/v1/reports", admin, "{\"type\":\"summary\",\"notify\":{\"email\":\"a@b.example\"}}", Map.of());
        assertThat(noRelay.status()).isEqualTo(400);
        assertThat(noRelay.json().get("detail").asText()).contains("smtp-relay");
    }

    @Test
    void reportJsonSerialisesTheQueryAsGiven() throws Exception {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode r = order(api, admin, "{\"type\":\"summary\",\"title\":\"q\",\"query\":{\"recipient\":[\"*@example.test\"],\"direction\":\"Inbound\"}}");
        assertThat(TraceJson.mapper().writeValueAsString(r.get("query"))).isEqualTo("{\"recipient\":[\"*@example.test\"],\"direction\":\"Inbound\"}");
    }
}
