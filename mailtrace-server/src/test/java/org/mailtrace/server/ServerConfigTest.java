package org.mailtrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void configFileKeysAreTheLongOptionNamesAndRepeatForLists() {
        Map<String, List<String>> m = ConfigFile.parse("serve.conf", List.of(
                "# mailtrace serve", "data = /var/lib/mailtrace", "listen = [::1]:9090", "",
                "accepted-domain = example.org", "accepted-domain = example.net", "rate-limit-window = PT10M"));
        ServerConfig c = ServerConfig.parse(m);
        assertThat(c.listen()).isEqualTo(new HostPort("::1", 9090));
        assertThat(c.acceptedDomains()).containsExactly("example.org", "example.net");
        assertThat(c.rateLimit()).isEqualTo(100);
        assertThat(c.rateLimitWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.hasLiveSources()).isFalse();
    }

    @Test
    void everyKeyHasADefaultOrIsOptionalAndAllAreDocumented() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/configuration.md"));
        for (String key : ServerConfig.KEYS.keySet()) {
            assertThat(doc).as(key).contains("`" + key + "`");
        }
    }

    @Test
    void mistakesNameTheKeyOrLine() {
        assertThatThrownBy(() -> ConfigFile.parse("serve.conf", List.of("data /x"))).hasMessageContaining("serve.conf:1");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "lisen", List.of("a:1")))).hasMessageContaining("unknown setting 'lisen'");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "listen", List.of("8080")))).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "rate-limit", List.of("-1")))).hasMessageContaining("rate-limit");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "syslog-tls", List.of("0.0.0.0:6514")))).hasMessageContaining("tls-cert");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "trusted-network", List.of("10.0.0.0/33")))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("listen", List.of("127.0.0.1:1")))).hasMessageContaining("data is required");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "listen", List.of("a:1", "b:2")))).hasMessageContaining("2 times");
    }
}
