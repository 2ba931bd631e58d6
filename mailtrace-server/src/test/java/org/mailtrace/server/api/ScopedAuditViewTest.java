package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Compliance Management account scoped to remote.test reads only the audit entries of accounts within its scope. */
class ScopedAuditViewTest {
    static ApiFixture api;
    static String scopedReader;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
        String admin = HttpApi.bearer(api.token("admin"));
        assertThat(api.http.send("POST", "/api/v1/users", admin, "{\"name\":\"audit-remote\",\"role\":\"Compliance Management\","
                + "\"domains\":[\"remote.test\"],\"password\":\"a long enough password\"}", Map.of()).status()).isEqualTo(201);
        scopedReader = HttpApi.bearer(api.http.send("POST", "/api/v1/users/audit-remote/tokens", admin, "{\"label\":\"t\"}", Map.of())
                .json().get("token").asText());
    }

    private static List<JsonNode> entries(String auth, String query) {
        HttpApi.Answer a = api.http.get("/api/v1/audit?limit=5000" + query, auth);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.json().get("entries").forEach(out::add);
        return out;
    }

    @Test
    void seesOnlyEntriesOfAccountsWithinItsScope() {
        String outsideSearch = "secret-partner@example.test";
        api.http.get("/api/v1/traces?recipient=" + outsideSearch, HttpApi.bearer(api.token("helpdesk")));
        String anyTrace = api.http.get("/api/v1/traces?limit=1", HttpApi.bearer(api.token("helpdesk"))).json()
                .at("/rows/0/messageTraceId").asText();
        api.http.get("/api/v1/traces/" + anyTrace, HttpApi.bearer(api.token("helpdesk")));
        api.http.get("/api/v1/traces?recipient=*@remote.test", HttpApi.bearer(api.token("hd-remote")));
        api.http.send("POST", "/api/v1/session", null, "{\"name\":\"nobody-here\",\"password\":\"wrong password!!\"}", Map.of());

        assertThat(entries(HttpApi.bearer(api.token("compliance")), "")).anyMatch(e -> e.toString().contains(outsideSearch));

        List<JsonNode> scoped = entries(scopedReader, "");
        assertThat(scoped).extracting(e -> e.get("user").asText()).contains("hd-remote", "audit-remote")
                .allMatch(u -> api.users.find(u).map(x -> x.domains().equals(java.util.Set.of("remote.test"))).orElse(false));
        assertThat(scoped).noneMatch(e -> e.toString().contains(outsideSearch) || e.toString().contains("nobody-here"));
        assertThat(entries(scopedReader, "&user=helpdesk")).isEmpty();
    }
}
