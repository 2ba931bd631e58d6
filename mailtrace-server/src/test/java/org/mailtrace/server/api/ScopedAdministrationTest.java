package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Organization Management account scoped to remote.test stays inside its scope: it manages only
 * accounts its domains cover and never hands out a scope broader than its own.
 */
class ScopedAdministrationTest {
    static ApiFixture api;
    static String admin;
    static String scoped;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("0")));  // own server: it adds administrators
        admin = HttpApi.bearer(api.token("admin"));
        create(admin, "{\"name\":\"org-remote\",\"role\":\"Organization Management\",\"domains\":[\"remote.test\"],"
                + "\"password\":\"a long enough password\"}");
        scoped = HttpApi.bearer(api.http.send("POST", "/api/v1/users/org-remote/tokens", admin, "{\"label\":\"t\"}", Map.of())
                .json().get("token").asText());
        create(admin, "{\"name\":\"hd-sub-remote\",\"role\":\"Help Desk\",\"domains\":[\"mx.remote.test\"],"
                + "\"password\":\"a long enough password\"}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void create(String auth, String body) {
        HttpApi.Answer a = api.http.send("POST", "/api/v1/users", auth, body, Map.of());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    private static int send(String method, String path, String body) {
        return api.http.send(method, path, scoped, body, Map.of()).status();
    }

    @Test
    void cannotMintTokensForAccountsOutsideItsScope() {
        assertThat(send("POST", "/api/v1/users/helpdesk/tokens", "{\"label\":\"x\"}")).isEqualTo(403);
        assertThat(send("POST", "/api/v1/users/admin/tokens", "{\"label\":\"x\"}")).isEqualTo(403);
        assertThat(send("GET", "/api/v1/users/helpdesk/tokens", null)).isEqualTo(403);
        assertThat(send("POST", "/api/v1/users/hd-sub-remote/tokens", "{\"label\":\"x\"}")).isEqualTo(201);
        assertThat(send("POST", "/api/v1/users/hd-remote/tokens", "{\"label\":\"x\"}")).isEqualTo(201);
    }

    @Test
    void cannotWidenItsOwnScope() {
        assertThat(send("PATCH", "/api/v1/users/org-remote", "{\"domains\":[]}")).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/users/org-remote", "{\"domains\":[\"remote.test\",\"example.test\"]}")).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/users/org-remote", "{\"domains\":[\"test\"]}")).isEqualTo(403);
        assertThat(api.users.find("org-remote").orElseThrow().domains()).containsExactly("remote.test");
    }

    @Test
    void cannotWidenOrChangeOthersOutsideItsScope() {
        assertThat(send("PATCH", "/api/v1/users/hd-remote", "{\"domains\":[]}")).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/users/helpdesk", "{\"domains\":[\"remote.test\"]}")).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/users/helpdesk", "{\"password\":\"another long password\"}")).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/users/viewonly", null)).isEqualTo(403);
        assertThat(send("GET", "/api/v1/users/admin", null)).isEqualTo(403);
        assertThat(api.users.find("hd-remote").orElseThrow().domains()).containsExactly("remote.test");
        assertThat(api.users.find("helpdesk").orElseThrow().domains()).isEmpty();
    }

    @Test
    void createsOnlyAccountsWithinItsScope() {
        assertThat(send("POST", "/api/v1/users", "{\"name\":\"sneaky-admin\",\"role\":\"Organization Management\","
                + "\"password\":\"a long enough password\"}")).isEqualTo(403);
        assertThat(send("POST", "/api/v1/users", "{\"name\":\"sneaky-wide\",\"role\":\"Help Desk\",\"domains\":[\"example.test\"],"
                + "\"password\":\"a long enough password\"}")).isEqualTo(403);
        assertThat(api.users.find("sneaky-admin")).isEmpty();
        assertThat(api.users.find("sneaky-wide")).isEmpty();
        assertThat(send("POST", "/api/v1/users", "{\"name\":\"remote-deputy\",\"role\":\"Organization Management\","
                + "\"domains\":[\"remote.test\"],\"password\":\"a long enough password\"}")).isEqualTo(201);
        assertThat(send("PATCH", "/api/v1/users/remote-deputy", "{\"domains\":[\"mx.remote.test\"]}")).isEqualTo(200);
    }

    @Test
    void listsOnlyAccountsItManages() {
        List<String> names = new ArrayList<>();
        api.http.get("/api/v1/users", scoped).json().get("users").forEach(u -> names.add(u.get("name").asText()));
        assertThat(names).contains("org-remote", "hd-remote", "hd-sub-remote")
                .doesNotContain("admin", "helpdesk", "compliance", "viewonly");
    }
}
