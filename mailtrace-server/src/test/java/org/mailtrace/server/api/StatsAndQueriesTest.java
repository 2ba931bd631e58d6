package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statistics within scopes, saved queries and the autosaved recent searches, over the real server. */
class StatsAndQueriesTest {
    static ApiFixture api;
    static final String RANGE = "/api/v1/stats?start=2025-01-01&end=2025-12-31&bucket=day&top=100";

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    private static long total(JsonNode stats) {
        long n = 0;
        for (JsonNode b : stats.get("series")) {
            for (JsonNode c : b.get("byStatus")) {
                n += c.asLong();
            }
        }
        return n;
    }

    @Test
    void statsCountEveryRowByStatusAndNameTheNormalisedRejectReason() {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode s = api.http.get(RANGE, admin).json();
        assertThat(s.get("bucket").asText()).isEqualTo("day");
        assertThat(s.get("series")).hasSize(365);
        long rows = api.http.get("/api/v1/traces?start=2025-01-01&end=2025-12-31&limit=5000", admin).json().get("rows").size();
        assertThat(total(s)).isEqualTo(rows);
        assertThat(s.get("topRejectReasons").findValuesAsText("key"))
                .contains("550 5.1.1 Recipient address rejected: User unknown in local recipient table");
        assertThat(s.get("topDeferralReasons").size()).isGreaterThan(0);
        assertThat(s.get("pendingNow").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(s.at("/series/0/byDirection").has("Inbound")).isTrue();
    }

    @Test
    void statsOfAScopedUserCountOnlyTheirRows() {
        JsonNode s = api.http.get(RANGE, HttpApi.bearer(api.token("hd-remote"))).json();
        long rows = api.http.get("/api/v1/traces?start=2025-01-01&end=2025-12-31&limit=5000", HttpApi.bearer(api.token("hd-remote"))).json().get("rows").size();
        assertThat(total(s)).isEqualTo(rows).isLessThan(total(api.http.get(RANGE, HttpApi.bearer(api.token("admin"))).json()));
        s.get("topRecipients").forEach(k -> assertThat(k.get("key").asText()).isNotEmpty());
    }

    @Test
    void statsDefaultToTheLast24HoursByHourAndRefuseBadParameters() {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode s = api.http.get("/api/v1/stats", admin).json();
        assertThat(s.get("bucket").asText()).isEqualTo("hour");
        assertThat(s.get("series").size()).isBetween(24, 25);
        assertThat(api.http.get("/api/v1/stats?bucket=week", admin).status()).isEqualTo(400);
        assertThat(api.http.get("/api/v1/stats?top=0", admin).status()).isEqualTo(400);
        assertThat(api.http.get("/api/v1/stats?start=2000-01-01&end=2025-12-31", admin).status()).isEqualTo(400);
        assertThat(api.http.get("/api/v1/stats?colour=red", admin).status()).isEqualTo(400);
    }

    @Test
    void savedQueriesArePrivateUnlessSharedAndOnlyTheOwnerOrAnAdminDeletesThem() {
        String helpdesk = HttpApi.bearer(api.token("helpdesk"));
        String viewonly = HttpApi.bearer(api.token("viewonly"));
        HttpApi.Answer mine = api.http.send("POST", "/api/v1/queries", helpdesk,
                "{\"name\":\"my private search\",\"query\":{\"recipient\":[\"ceo@example.test\"]}}", Map.of());
        assertThat(mine.status()).isEqualTo(201);
        String privateId = mine.json().get("id").asText();
        assertThat(mine.json().get("shared").asBoolean()).isFalse();
        assertThat(api.http.get("/api/v1/queries", helpdesk).json().get("queries").findValuesAsText("id")).contains(privateId);
        HttpApi.Answer others = api.http.get("/api/v1/queries", viewonly);
        assertThat(others.json().get("queries").findValuesAsText("id")).doesNotContain(privateId);
        assertThat(others.body()).doesNotContain("ceo@example.test");
        assertThat(api.http.send("DELETE", "/api/v1/queries/" + privateId, viewonly, null, Map.of()).status()).isEqualTo(404);
        assertThat(api.http.send("DELETE", "/api/v1/queries/" + privateId, HttpApi.bearer(api.token("admin")), null, Map.of()).status())
                .isEqualTo(404);

        HttpApi.Answer a = api.http.send("POST", "/api/v1/queries", helpdesk,
                "{\"name\":\"bounces today\",\"shared\":true,\"query\":{\"status\":[\"Failed\"],\"recipient\":[\"*@example.test\"]}}", Map.of());
        assertThat(a.status()).isEqualTo(201);
        String id = a.json().get("id").asText();
        assertThat(a.json().get("owner").asText()).isEqualTo("helpdesk");
        JsonNode seen = api.http.get("/api/v1/queries", viewonly).json().get("queries");
        assertThat(seen.findValuesAsText("id")).contains(id);
        assertThat(api.http.send("DELETE", "/api/v1/queries/" + id, viewonly, null, Map.of()).status()).isEqualTo(403);
        assertThat(api.http.send("DELETE", "/api/v1/queries/" + id, helpdesk, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.http.send("DELETE", "/api/v1/queries/" + privateId, helpdesk, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.http.send("POST", "/api/v1/queries", helpdesk, "{\"name\":\"bad\",\"query\":{\"fromIp\":\"300.1.1.1\"}}", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void searchesAreAutosavedAsRecentNewestFirstWithoutRepeats() {
        String viewonly = HttpApi.bearer(api.token("viewonly"));
        api.http.get("/api/v1/traces?status=Failed&limit=1", viewonly);
        api.http.get("/api/v1/traces?recipient=*@remote.test", viewonly);
        api.http.get("/api/v1/traces?status=Failed&limit=2", viewonly);
        JsonNode recent = api.http.get("/api/v1/queries/recent", viewonly).json().get("queries");
        assertThat(recent.get(0).get("query").toString()).isEqualTo("{\"status\":[\"Failed\"]}");
        assertThat(recent.get(1).get("query").toString()).isEqualTo("{\"recipient\":[\"*@remote.test\"]}");
        long failed = 0;
        for (JsonNode r : recent) {
            if (r.get("query").toString().equals("{\"status\":[\"Failed\"]}")) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(1);
        assertThat(recent.size()).isLessThanOrEqualTo(10);
    }
}
