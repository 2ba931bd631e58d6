package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /healthz} answers 503 "degraded" with the reasons while a registered part reports a problem. */
class HealthReportTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @Test
    void degradedWithTheReasonWhileAProblemLastsThenOkAgain() {
        AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
        api.server.health().register(problems::get);
        try {
            assertThat(api.http.get("/healthz", null).status()).isEqualTo(200);
            problems.set(List.of("live ingest stopped: No space left on device"));
            HttpApi.Answer degraded = api.http.get("/healthz", null);
            assertThat(degraded.status()).isEqualTo(503);
            assertThat(degraded.json().get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.json().get("reasons").get(0).asText()).isEqualTo("live ingest stopped: No space left on device");
        } finally {
            problems.set(List.of());
        }
        HttpApi.Answer ok = api.http.get("/healthz", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("ok");
    }
}
