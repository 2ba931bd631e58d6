package org.mailtrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailtrace.store.StoreLocation;

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
    void liveIngestWaitsForRetriesAsLongAsTheRetryWindowSays() {
        ServerConfig dflt = ServerConfig.parse(Map.of("data", List.of("/x")));
        assertThat(dflt.caps().applyTo(org.mailtrace.correlate.CorrelationSettings.defaults()).retryWindow())
                .isEqualTo(Duration.ofDays(1));
        ServerConfig twoHours = ServerConfig.parse(Map.of("data", List.of("/x"), "retry-window", List.of("2h")));
        assertThat(twoHours.caps().applyTo(org.mailtrace.correlate.CorrelationSettings.defaults()).retryWindow())
                .isEqualTo(Duration.ofHours(2));
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

    @Test
    void dataDirIsTheLuceneStoreInDirAndStoreNamesTheSameByLocation() {
        ServerConfig byData = ServerConfig.parse(Map.of("data", List.of("/var/lib/mailtrace")));
        assertThat(byData.store()).isEqualTo(StoreLocation.parse("lucene:/var/lib/mailtrace"));
        assertThat(byData.data()).isEqualTo(Path.of("/var/lib/mailtrace"));
        for (String location : List.of("lucene:/var/lib/mailtrace", "/var/lib/mailtrace")) {
            ServerConfig byStore = ServerConfig.parse(Map.of("store", List.of(location)));
            assertThat(byStore.store()).as(location).isEqualTo(byData.store());
            assertThat(byStore.data()).as(location).isEqualTo(Path.of("/var/lib/mailtrace"));
        }
    }

    @Test
    void storeAndDataTogetherOrAStoreThisBuildLacksFailTheStartSayingWhatToGive() {
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "store", List.of("lucene:/x"))))
                .hasMessageContaining("data and store are both given; give one");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("store", List.of("opensearch:http://127.0.0.1:9200,http://127.0.0.1:9201"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the opensearch store is not available in this build");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("store", List.of("lucene:")))).hasMessageStartingWith("store: ")
                .hasMessageContaining("nothing after 'lucene:'");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("store", List.of("nosuch:x")))).hasMessageContaining("unknown store type 'nosuch'");
    }

    @Test
    void aWatchedDirectoryIsALiveSourceAndRefusesAFollowOfTheSameLog() {
        ServerConfig cfg = ServerConfig.parse(Map.of("data", List.of("/x"), "watch-dir", List.of("/var/log")));
        assertThat(cfg.hasLiveSources()).isTrue();
        assertThat(cfg.logPattern()).isEqualTo("{mail.log,maillog}*");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "watch-dir", List.of("/var/log"),
                "follow", List.of("/var/log/mail.log")))).hasMessageContaining("read twice");
        assertThat(ServerConfig.parse(Map.of("data", List.of("/x"), "watch-dir", List.of("/var/log"), "log-pattern", List.of("maillog*"),
                "follow", List.of("/var/log/mail.log"))).follow()).hasSize(1);
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "log-pattern", List.of("mail.log*"))))
                .hasMessageContaining("log-pattern needs watch-dir");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "watch-dir", List.of("/var/log"),
                "log-pattern", List.of("/var/log/mail.log*")))).hasMessageContaining("file name glob");
    }

    @Test
    void oidcIsOffUntilAnIssuerIsGivenAndThenNeedsClientAndPublicUrl() {
        ServerConfig plain = ServerConfig.parse(Map.of("data", List.of("/x")));
        assertThat(plain.signIn().password()).isTrue();
        assertThat(plain.signIn().oidc()).isNull();

        ServerConfig c = ServerConfig.parse(ConfigFile.parse("serve.conf", List.of("data = /x",
                "public-url = https://mailtrace.example.org/", "oidc-issuer = https://login.example.org/realms/mail",
                "oidc-client-id = mailtrace", "oidc-role-claim = groups",
                "oidc-role-map = Help Desk=mail-helpdesk", "oidc-role-map = organization-management=mail-admins")));
        var oidc = c.signIn().oidc();
        assertThat(oidc.redirectUri().toString()).isEqualTo("https://mailtrace.example.org/api/v1/session/oidc/callback");
        assertThat(oidc.scopes()).containsExactly("openid", "email", "profile");
        assertThat(oidc.nameClaims()).containsExactly("preferred_username", "email");
        assertThat(oidc.providerName()).isEqualTo("login.example.org");
        assertThat(oidc.clientSecret()).isNull();
        assertThat(oidc.roleMap()).containsEntry("mail-helpdesk", org.mailtrace.server.auth.Role.HelpDesk)
                .containsEntry("mail-admins", org.mailtrace.server.auth.Role.OrganizationManagement);
        assertThat(oidc.createUsers()).isFalse();
    }

    @Test
    void oidcMistakesNameTheKey() {
        Map<String, List<String>> base = Map.of("data", List.of("/x"), "oidc-issuer", List.of("https://idp.example"),
                "oidc-client-id", List.of("mt"), "public-url", List.of("https://mt.example"));
        assertThatThrownBy(() -> ServerConfig.parse(without(base, "oidc-client-id"))).hasMessageContaining("oidc-client-id");
        assertThatThrownBy(() -> ServerConfig.parse(without(base, "public-url"))).hasMessageContaining("public-url");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-issuer", "idp.example"))).hasMessageContaining("oidc-issuer must be an http(s) URL");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-scopes", "email profile"))).hasMessageContaining("openid");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-role-map", "Root=admins"))).hasMessageContaining("unknown role 'Root'");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-role-map", "admins"))).hasMessageContaining("ROLE=GROUP");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-role-claim", "groups"))).hasMessageContaining("oidc-role-map");
        assertThatThrownBy(() -> ServerConfig.parse(with(base, "oidc-create-users", "true"))).hasMessageContaining("oidc-role-claim");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "oidc-client-id", List.of("mt"))))
                .hasMessageContaining("oidc-client-id is set but oidc-issuer is not");
        assertThatThrownBy(() -> ServerConfig.parse(Map.of("data", List.of("/x"), "password-sign-in", List.of("false"))))
                .hasMessageContaining("needs OIDC sign-in");
    }

    private static Map<String, List<String>> with(Map<String, List<String>> m, String key, String value) {
        Map<String, List<String>> out = new java.util.HashMap<>(m);
        out.put(key, List.of(value));
        return out;
    }

    private static Map<String, List<String>> without(Map<String, List<String>> m, String key) {
        Map<String, List<String>> out = new java.util.HashMap<>(m);
        out.remove(key);
        return out;
    }
}
