package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change of password, role or domains ends the user's console sessions; API tokens survive it
 * unless it takes something away (fewer permissions, fewer domains).
 */
class AccountChangeEndsSessionsTest {
    static final String PASSWORD = "a long enough password";
    static ApiFixture api;
    static String admin;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("0")));  // own server: it adds administrators
        admin = HttpApi.bearer(api.token("admin"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void createUser(String name, String role, String domains) {
        HttpApi.Answer a = api.http.send("POST", "/api/v1/users", admin, "{\"name\":\"" + name + "\",\"role\":\"" + role
                + "\",\"domains\":" + domains + ",\"password\":\"" + PASSWORD + "\"}", Map.of());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    private static String signIn(String name, String password) {
        HttpApi.Answer in = api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", Map.of());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        String setCookie = in.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String token(String name) {
        return HttpApi.bearer(api.http.send("POST", "/api/v1/users/" + name + "/tokens", admin, "{\"label\":\"t\"}", Map.of())
                .json().get("token").asText());
    }

    private static int withCookie(String cookie) {
        return api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie)).status();
    }

    private static void patch(String name, String body) {
        HttpApi.Answer a = api.http.send("PATCH", "/api/v1/users/" + name, admin, body, Map.of());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    @Test
    void passwordChangeEndsSessionsAndKeepsTokens() {
        createUser("pw-changer", "Help Desk", "[]");
        String cookie = signIn("pw-changer", PASSWORD);
        String token = token("pw-changer");
        assertThat(withCookie(cookie)).isEqualTo(200);
        patch("pw-changer", "{\"password\":\"the new long password\"}");
        HttpApi.Answer after = api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("detail").asText()).contains("sign in again");
        assertThat(api.http.get("/api/v1/session", token).status()).isEqualTo(200);
        assertThat(withCookie(signIn("pw-changer", "the new long password"))).isEqualTo(200);
    }

    @Test
    void roleDowngradeEndsSessionsAndRevokesTokens() {
        createUser("demoted", "Help Desk", "[]");
        String cookie = signIn("demoted", PASSWORD);
        String token = token("demoted");
        patch("demoted", "{\"role\":\"View-Only\"}");
        assertThat(withCookie(cookie)).isEqualTo(401);
        assertThat(api.http.get("/api/v1/session", token).status()).isEqualTo(401);
        assertThat(api.users.find("demoted").orElseThrow().tokens()).isEmpty();
    }

    @Test
    void narrowedScopeRevokesTokensAndWiderRoleKeepsThem() {
        createUser("narrowed", "View-Only", "[]");
        String token = token("narrowed");
        String cookie = signIn("narrowed", PASSWORD);
        patch("narrowed", "{\"role\":\"Help Desk\"}");
        assertThat(withCookie(cookie)).as("any change ends sessions").isEqualTo(401);
        assertThat(api.http.get("/api/v1/session", token).status()).as("an upgrade keeps tokens").isEqualTo(200);
        patch("narrowed", "{\"domains\":[\"remote.test\"]}");
        assertThat(api.http.get("/api/v1/session", token).status()).as("a narrower scope revokes tokens").isEqualTo(401);
    }

    @Test
    void anAdministratorChangingTheirOwnPasswordInTheConsoleStaysSignedIn() {
        createUser("self-admin", "Organization Management", "[]");
        HttpApi.Answer in = api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"self-admin\",\"password\":\"" + PASSWORD + "\"}", Map.of());
        String cookie = in.header("Set-Cookie").substring(0, in.header("Set-Cookie").indexOf(';'));
        String csrf = in.json().get("csrfToken").asText();
        String other = signIn("self-admin", PASSWORD);
        HttpApi.Answer changed = api.http.send("PATCH", "/api/v1/users/self-admin", null, "{\"password\":\"my new long password\"}",
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(withCookie(cookie)).isEqualTo(200);
        assertThat(withCookie(other)).isEqualTo(401);
    }
}
