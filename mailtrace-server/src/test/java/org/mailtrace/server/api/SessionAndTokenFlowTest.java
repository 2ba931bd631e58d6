package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Console sessions with CSRF protection, HTTP Basic, and the API token life cycle. */
class SessionAndTokenFlowTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    private static String cookieOf(HttpApi.Answer a) {
        String setCookie = a.header("Set-Cookie");
        assertThat(setCookie).isNotNull().contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static HttpApi.Answer signIn(String name, String password) {
        return api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", Map.of());
    }

    @Test
    void sessionSignInNeedsCsrfTokenForUnsafeMethodsAndEndsAtSignOut() {
        HttpApi.Answer in = signIn("helpdesk", ApiFixture.PASSWORD);
        assertThat(in.status()).isEqualTo(200);
        String cookie = cookieOf(in);
        String csrf = in.json().get("csrfToken").asText();
        assertThat(csrf).hasSizeGreaterThan(30);
        assertThat(in.json().get("role").asText()).isEqualTo("Help Desk");

        HttpApi.Answer search = api.http.send("GET", "/api/v1/traces?limit=1", null, null, Map.of("Cookie", cookie));
        assertThat(search.status()).isEqualTo(200);

        String body = "{\"label\":\"console\"}";
        HttpApi.Answer noCsrf = api.http.send("POST", "/api/v1/users/helpdesk/tokens", null, body, Map.of("Cookie", cookie));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.json().get("error").asText()).isEqualTo("csrf");
        HttpApi.Answer wrongCsrf = api.http.send("POST", "/api/v1/users/helpdesk/tokens", null, body,
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf + "x"));
        assertThat(wrongCsrf.status()).isEqualTo(403);
        HttpApi.Answer withCsrf = api.http.send("POST", "/api/v1/users/helpdesk/tokens", null, body,
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(withCsrf.status()).isEqualTo(201);

        HttpApi.Answer out = api.http.send("DELETE", "/api/v1/session", null, null, Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(out.status()).isEqualTo(204);
        assertThat(api.http.send("GET", "/api/v1/traces?limit=1", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(401);
    }

    @Test
    void eachSignInGetsAFreshSessionId() {
        String first = cookieOf(signIn("viewonly", ApiFixture.PASSWORD));
        HttpApi.Answer again = api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"viewonly\",\"password\":\"" + ApiFixture.PASSWORD + "\"}", Map.of("Cookie", first));
        String second = cookieOf(again);
        assertThat(second).isNotEqualTo(first);
        assertThat(api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", first)).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordOrUnknownUserIs401WithTheSameMessage() {
        HttpApi.Answer wrong = signIn("helpdesk", "not the password at all");
        HttpApi.Answer unknown = signIn("nobody", "not the password at all");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(wrong.header("Set-Cookie")).isNull();
    }

    @Test
    void basicAuthWorksForScripts() {
        HttpApi.Answer a = api.http.get("/api/v1/session", HttpApi.basic("compliance", ApiFixture.PASSWORD));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("auth").asText()).isEqualTo("basic");
        assertThat(a.json().get("csrfToken").isNull()).isTrue();
        assertThat(api.http.get("/api/v1/session", HttpApi.basic("compliance", "wrong password!!")).status()).isEqualTo(401);
    }

    @Test
    void tokenIsShownOnceWorksAndStopsWorkingWhenRevoked() {
        String admin = HttpApi.bearer(api.token("admin"));
        HttpApi.Answer created = api.http.send("POST", "/api/v1/users/compliance/tokens", admin, "{\"label\":\"nightly\"}", Map.of());
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(secret).startsWith("mt_");

        HttpApi.Answer listed = api.http.get("/api/v1/users/compliance/tokens", admin);
        assertThat(listed.body()).contains(id).contains("nightly").doesNotContain(secret);
        assertThat(api.users.find("compliance").orElseThrow().tokens()).noneMatch(t -> t.sha256().contains(secret));

        HttpApi.Answer used = api.http.get("/api/v1/session", HttpApi.bearer(secret));
        assertThat(used.json().get("name").asText()).isEqualTo("compliance");
        assertThat(used.json().get("auth").asText()).isEqualTo("token");

        assertThat(api.http.send("DELETE", "/api/v1/users/compliance/tokens/" + id, HttpApi.bearer(secret), null, Map.of()).status()).isEqualTo(204);
        assertThat(api.http.get("/api/v1/session", HttpApi.bearer(secret)).status()).isEqualTo(401);
        assertThat(api.http.send("DELETE", "/api/v1/users/compliance/tokens/" + id, admin, null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void usersCannotManageOtherUsersTokens() {
        HttpApi.Answer a = api.http.send("POST", "/api/v1/users/admin/tokens", HttpApi.bearer(api.token("helpdesk")), "{\"label\":\"x\"}", Map.of());
        assertThat(a.status()).isEqualTo(403);
    }

    @Test
    void theLastOrganizationManagementAccountCannotBeRemovedOrDemoted() {
        String admin = HttpApi.bearer(api.token("admin"));
        assertThat(api.http.send("DELETE", "/api/v1/users/admin", admin, null, Map.of()).status()).isEqualTo(409);
        assertThat(api.http.send("PATCH", "/api/v1/users/admin", admin, "{\"role\":\"View-Only\"}", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void roleChangesApplyOnTheNextRequest() {
        String admin = HttpApi.bearer(api.token("admin"));
        assertThat(api.http.send("POST", "/api/v1/users", admin,
                "{\"name\":\"mover\",\"role\":\"View-Only\",\"password\":\"a long enough password\"}", Map.of()).status()).isEqualTo(201);
        String tokenOfMover = api.http.send("POST", "/api/v1/users/mover/tokens", admin, "{\"label\":\"t\"}", Map.of()).json().get("token").asText();
        String anyTrace = api.http.get("/api/v1/traces?limit=1", admin).json().at("/rows/0/messageTraceId").asText();
        assertThat(api.http.get("/api/v1/traces/" + anyTrace, HttpApi.bearer(tokenOfMover)).status()).isEqualTo(403);
        api.http.send("PATCH", "/api/v1/users/mover", admin, "{\"role\":\"Help Desk\"}", Map.of());
        assertThat(api.http.get("/api/v1/traces/" + anyTrace, HttpApi.bearer(tokenOfMover)).status()).isEqualTo(200);
        api.http.send("DELETE", "/api/v1/users/mover", admin, null, Map.of());
        assertThat(api.http.get("/api/v1/traces/" + anyTrace, HttpApi.bearer(tokenOfMover)).status()).isEqualTo(401);
    }
}
