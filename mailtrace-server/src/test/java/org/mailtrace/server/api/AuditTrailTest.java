package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.json.TraceJson;

/** Every search, detail, sign-in and admin change lands in the append-only audit file. */
class AuditTrailTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("0")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode lastLine() throws IOException {
        List<String> lines = Files.readAllLines(api.audit.file());
        return TraceJson.mapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void eachActionAppendsOneEntryWithWhoWhenWhereAndFilter() throws IOException {
        String helpdesk = HttpApi.bearer(api.token("helpdesk"));
        List<String> before = Files.readAllLines(api.audit.file());

        api.http.get("/api/v1/traces?recipient=*@example.test&status=Delivered&limit=3", helpdesk);
        JsonNode search = lastLine();
        assertThat(search.get("action").asText()).isEqualTo("search");
        assertThat(search.get("user").asText()).isEqualTo("helpdesk");
        assertThat(search.get("remoteIp").asText()).isEqualTo("127.0.0.1");
        assertThat(search.get("auth").asText()).isEqualTo("token");
        assertThat(search.at("/filter/recipient").asText()).isEqualTo("*@example.test");
        assertThat(search.at("/filter/status").asText()).isEqualTo("Delivered");
        assertThat(search.get("time").asText()).endsWith("Z");

        String id = api.http.get("/api/v1/traces?limit=1", helpdesk).json().at("/rows/0/messageTraceId").asText();
        api.http.get("/api/v1/traces/" + id, helpdesk);
        assertThat(lastLine().get("action").asText()).isEqualTo("detail");
        assertThat(lastLine().get("target").asText()).isEqualTo(id);

        api.http.send("POST", "/api/v1/session", null, "{\"name\":\"compliance\",\"password\":\"" + ApiFixture.PASSWORD + "\"}", Map.of());
        assertThat(lastLine().get("action").asText()).isEqualTo("sign-in");
        assertThat(lastLine().get("outcome").asText()).isEqualTo("ok");

        api.http.send("POST", "/api/v1/session", null, "{\"name\":\"compliance\",\"password\":\"guessing wrongly\"}", Map.of());
        assertThat(lastLine().get("outcome").asText()).isEqualTo("failed");
        assertThat(lastLine().toString()).doesNotContain("guessing wrongly");

        api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")),
                "{\"name\":\"audited\",\"role\":\"Help Desk\",\"domains\":[\"example.test\"],\"password\":\"a long enough password\"}", Map.of());
        JsonNode create = lastLine();
        assertThat(create.get("action").asText()).isEqualTo("user-create");
        assertThat(create.get("target").asText()).isEqualTo("audited");
        assertThat(create.toString()).doesNotContain("a long enough password");

        api.http.send("PATCH", "/api/v1/users/audited", HttpApi.bearer(api.token("admin")), "{\"password\":\"another long password\"}", Map.of());
        assertThat(lastLine().get("action").asText()).isEqualTo("user-update");
        assertThat(lastLine().toString()).doesNotContain("another long password");

        List<String> after = Files.readAllLines(api.audit.file());
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after).hasSize(before.size() + 7);
        for (int i = 1; i < after.size(); i++) {
            assertThat(TraceJson.mapper().readTree(after.get(i)).get("seq").asLong())
                    .isEqualTo(TraceJson.mapper().readTree(after.get(i - 1)).get("seq").asLong() + 1);
        }
    }

    @Test
    void auditLogIsReadableNewestFirstWithPaging() {
        String compliance = HttpApi.bearer(api.token("compliance"));
        for (int i = 0; i < 3; i++) {
            api.http.get("/api/v1/traces?limit=1&sender=probe" + i + "@client.test", HttpApi.bearer(api.token("viewonly")));
        }
        JsonNode page1 = api.http.get("/api/v1/audit?user=viewonly&action=search&limit=2", compliance).json();
        assertThat(page1.get("entries")).hasSize(2);
        assertThat(page1.at("/entries/0/filter/sender").asText()).isEqualTo("probe2@client.test");
        assertThat(page1.at("/entries/1/filter/sender").asText()).isEqualTo("probe1@client.test");
        JsonNode page2 = api.http.get("/api/v1/audit?user=viewonly&action=search&limit=2&cursor=" + page1.get("next").asText(), compliance).json();
        assertThat(page2.at("/entries/0/filter/sender").asText()).isEqualTo("probe0@client.test");
        assertThat(page2.get("next").isNull()).isTrue();
    }
}
