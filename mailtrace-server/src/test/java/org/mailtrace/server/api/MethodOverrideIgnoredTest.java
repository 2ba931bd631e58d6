package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request is what its method says: override headers never turn a GET into a DELETE or PATCH. */
class MethodOverrideIgnoredTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void aGetWithAnOverrideHeaderStaysAGet() {
        String admin = HttpApi.bearer(api.token("admin"));
        assertThat(api.http.send("POST", "/api/v1/users", admin,
                "{\"name\":\"override-target\",\"role\":\"View-Only\",\"password\":\"a long enough password\"}", Map.of()).status())
                .isEqualTo(201);
        for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            HttpApi.Answer a = api.http.send("GET", "/api/v1/users/override-target", admin, null, Map.of(header, "DELETE"));
            assertThat(a.status()).as(header).isEqualTo(200);
            assertThat(a.json().get("name").asText()).isEqualTo("override-target");
            assertThat(api.users.find("override-target")).as(header).isPresent();
        }
        HttpApi.Answer patched = api.http.send("POST", "/api/v1/users/override-target", admin, "{\"role\":\"Help Desk\"}",
                Map.of("X-HTTP-Method-Override", "PATCH"));
        assertThat(patched.status()).isIn(404, 405);
        assertThat(api.users.find("override-target").orElseThrow().role().displayName()).isEqualTo("View-Only");
    }
}
