package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every role against every endpoint, and every endpoint without credentials. */
class AccessMatrixTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static ApiFixture api;
    static String traceId;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
        traceId = api.http.get("/api/v1/traces?limit=1", HttpApi.bearer(api.token("admin"))).json().at("/rows/0/messageTraceId").asText();
    }

    /** Endpoint, then expected status for admin, compliance, helpdesk, viewonly. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/traces", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/api/v1/traces/{trace}", null, List.of(200, 200, 200, 403)),
                Arguments.of("GET", "/api/v1/audit?limit=5", null, List.of(200, 200, 403, 403)),
                Arguments.of("GET", "/api/v1/users", null, List.of(200, 403, 403, 403)),
                Arguments.of("GET", "/api/v1/users/helpdesk", null, List.of(200, 403, 403, 403)),
                Arguments.of("POST", "/api/v1/users", "{\"name\":\"new{n}\",\"role\":\"Help Desk\",\"password\":\"a long enough password\"}", List.of(201, 403, 403, 403)),
                Arguments.of("PATCH", "/api/v1/users/viewonly", "{\"domains\":[]}", List.of(200, 403, 403, 403)),
                Arguments.of("DELETE", "/api/v1/users/nobody-here", null, List.of(404, 403, 403, 403)),
                Arguments.of("GET", "/api/v1/users/{self}/tokens", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/api/v1/users/admin/tokens", null, List.of(200, 403, 403, 403)),
                Arguments.of("GET", "/api/v1/session", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/metrics", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/healthz", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/api/openapi.json", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/api/v1/reports", null, List.of(200, 200, 403, 403)),
                Arguments.of("POST", "/api/v1/reports", "{\"type\":\"summary\",\"title\":\"matrix\",\"query\":{\"status\":[\"Failed\"]}}", List.of(201, 201, 403, 403)),
                Arguments.of("GET", "/api/v1/reports/00000000-0000-0000-0000-000000000000", null, List.of(404, 404, 403, 403)),
                Arguments.of("DELETE", "/api/v1/reports/00000000-0000-0000-0000-000000000000", null, List.of(404, 404, 403, 403)),
                Arguments.of("GET", "/api/v1/queries", null, List.of(200, 200, 200, 200)),
                Arguments.of("POST", "/api/v1/queries", "{\"name\":\"q{n}\",\"query\":{\"recipient\":[\"*@example.test\"]}}", List.of(201, 201, 201, 201)),
                Arguments.of("GET", "/api/v1/queries/recent", null, List.of(200, 200, 200, 200)),
                Arguments.of("GET", "/api/v1/stats", null, List.of(200, 200, 200, 200)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void eachRoleGetsItsExpectedStatus(String method, String path, String body, List<Integer> expected) {
        String[] roles = {"admin", "compliance", "helpdesk", "viewonly"};
        List<Integer> got = new ArrayList<>();
        for (String user : roles) {
            String p = path.replace("{trace}", traceId).replace("{self}", user);
            String b = body == null ? null : body.replace("{n}", Integer.toString(SEQ.incrementAndGet()));
            HttpApi.Answer a = api.http.send(method, p, HttpApi.bearer(api.token(user)), b, Map.of());
            got.add(a.status());
        }
        assertThat(got).as(method + " " + path + " for " + List.of(roles)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void withoutCredentialsOnlyPublicRoutesAnswer(String method, String path, String body, List<Integer> expected) {
        String p = path.replace("{trace}", traceId).replace("{self}", "admin");
        HttpApi.Answer a = api.http.send(method, p, null, body == null ? null : body.replace("{n}", "x"), Map.of());
        boolean isPublic = p.equals("/healthz") || p.equals("/metrics") || p.equals("/api/openapi.json");
        assertThat(a.status()).as(method + " " + p).isEqualTo(isPublic ? 200 : 401);
        if (!isPublic) {
            assertThat(a.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(a.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aForbiddenRequestIsAuditedAsDenied() {
        api.http.get("/api/v1/users", HttpApi.bearer(api.token("viewonly")));
        HttpApi.Answer log = api.http.get("/api/v1/audit?user=viewonly&action=access-denied&limit=1", HttpApi.bearer(api.token("compliance")));
        assertThat(log.json().at("/entries/0/outcome").asText()).isEqualTo("denied");
        assertThat(log.json().at("/entries/0/target").asText()).isEqualTo("GET /api/v1/users");
    }

    @Test
    void unknownRoutesAnswerJson404() {
        HttpApi.Answer a = api.http.get("/api/v1/nothing-here", HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("not_found");
    }
}
