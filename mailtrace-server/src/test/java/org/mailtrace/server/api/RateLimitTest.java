package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-user running-window limit answers 429 with Retry-After; other users are not affected. */
class RateLimitTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("5"), "rate-limit-window", List.of("60s"), "sign-in-limit", List.of("3")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void sixthRequestInTheWindowIs429WithRetryAfter() {
        String helpdesk = HttpApi.bearer(api.token("helpdesk"));
        for (int i = 0; i < 5; i++) {
            assertThat(api.http.get("/api/v1/traces?limit=1", helpdesk).status()).isEqualTo(200);
        }
        HttpApi.Answer limited = api.http.get("/api/v1/traces?limit=1", helpdesk);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(api.http.get("/api/v1/traces?limit=1", HttpApi.bearer(api.token("viewonly"))).status()).isEqualTo(200);
        assertThat(api.http.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void repeatedFailedSignInsFromOneAddressAre429EvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.http.get("/api/v1/session", HttpApi.basic("compliance", "wrong password " + i)).status()).isEqualTo(401);
        }
        HttpApi.Answer blocked = api.http.get("/api/v1/session", HttpApi.basic("compliance", ApiFixture.PASSWORD));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotNull();
    }
}
