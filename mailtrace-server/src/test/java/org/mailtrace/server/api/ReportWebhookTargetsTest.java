package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A report's webhook cannot be pointed at this host or its cloud: loopback, link-local (metadata
 * services), unspecified and IPv4-mapped targets are refused when the report is ordered, unless
 * webhook-allow names them (this server has no allow-list).
 */
class ReportWebhookTargetsTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    private static HttpApi.Answer order(String webhook) {
        return api.http.send("POST", "/api/v1/reports", HttpApi.bearer(api.token("compliance")),
                "{\"type\":\"summary\",\"notify\":{\"webhook\":\"" + webhook + "\"}}", Map.of());
    }

    @Test
    void internalTargetsAreRefusedWithTheReason() {
        for (String hook : new String[] {
                "http://127.0.0.1:" + api.server.port() + "/api/v1/users",
                "http://localhost:9/hook",
                "http://[::1]:9/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/hook",
                "http://0.0.0.0:9/hook",
                "http://[::ffff:127.0.0.1]:9/hook",
                "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://[::ffff:7f00:1]:9/hook",
                "http://[fd00:ec2::254]/latest/meta-data/"}) {
            HttpApi.Answer a = order(hook);
            assertThat(a.status()).as(hook).isEqualTo(400);
            assertThat(a.json().get("detail").asText()).as(hook).contains("notify.webhook").contains("webhook-allow");
        }
    }
}
