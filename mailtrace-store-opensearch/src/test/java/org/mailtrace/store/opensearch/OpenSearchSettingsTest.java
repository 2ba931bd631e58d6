package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStores;

class OpenSearchSettingsTest {
    @Test
    void optionsOverrideTheDefaults() {
        OpenSearchSettings s = OpenSearchSettings.of("https://search.example.org:9200",
                Map.of("username", "mailtrace", "password", "secret", "ca-file", "/etc/mailtrace/ca.pem",
                        "index-prefix", "mail-eu", "replicas", "0", "bulk-docs", "100"));
        assertThat(s.username()).isEqualTo("mailtrace");
        assertThat(s.caFile()).isEqualTo(Path.of("/etc/mailtrace/ca.pem"));
        assertThat(s.indexPrefix()).isEqualTo("mail-eu");
        assertThat(s.replicas()).isZero();
        assertThat(s.bulkMaxDocs()).isEqualTo(100);
        assertThat(s.toString()).doesNotContain("secret");
        assertThat(OpenSearchSettings.of("http://127.0.0.1:9200", Map.of()).indexPrefix()).isEqualTo("mailtrace");
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("prefix", "x")))
                .hasMessageContaining("unknown OpenSearch option(s) [prefix]");
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("index-prefix", "Mail")))
                .hasMessageContaining("index-prefix 'Mail'");
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("username", "u")))
                .hasMessageContaining("username and password go together");
        assertThatThrownBy(() -> OpenSearchSettings.of("ftp://h", Map.of())).hasMessageContaining("not http(s)");
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("shards", "two")))
                .hasMessageContaining("shards 'two'");
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("bulk-bytes", "100")))
                .hasMessage("OpenSearch option bulk-bytes 100 is out of range: bytes per bulk request must be at least 1024");
        assertThatThrownBy(() -> OpenSearchSettings.of("http://h:9200", Map.of("replicas", "-1")))
                .hasMessage("OpenSearch option replicas -1 is out of range: replicas per index must be at least 0");
    }

    @Test
    void theFactoryIsFoundByTypeAndTakesItsOptionsFromTheLocationAndTheEnvironment() {
        StoreLocation at = StoreLocation.parse("opensearch:https://os1.example:9200,https://os2.example:9200");
        assertThat(TraceStores.directory(at)).isEmpty();
        StoreOptions options = StoreOptions.fromEnvironment(true, Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD", "s3cret", "MAILTRACE_STORE_INDEX_PREFIX", "mail"));
        OpenSearchSettings s = OpenSearchTraceStoreFactory.settings(at, options);
        assertThat(s.url().toString()).isEqualTo("https://os1.example:9200");
        assertThat(s.urls()).extracting(Object::toString).containsExactly("https://os1.example:9200", "https://os2.example:9200");
        assertThat(s.requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(s.maxRetries()).isEqualTo(8);
        assertThat(s.username()).isEqualTo("mt");
        assertThat(s.password()).isEqualTo("s3cret");
        assertThat(s.indexPrefix()).isEqualTo("mail");
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void theRequestTimeoutAndRetriesOfTheEnvironmentReachTheStore() {
        StoreLocation at = StoreLocation.parse("opensearch:http://127.0.0.1:9200");
        OpenSearchSettings s = OpenSearchTraceStoreFactory.settings(at, StoreOptions.fromEnvironment(false,
                Map.of("MAILTRACE_STORE_TIMEOUT", "1500ms", "MAILTRACE_STORE_RETRIES", "3")));
        assertThat(s.requestTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(s.maxRetries()).isEqualTo(3);
    }

    @Test
    void shardsReplicasAndBulkSizeOfTheEnvironmentReachTheStoreWithBulkMegabytesInBytes() {
        StoreLocation at = StoreLocation.parse("opensearch:http://127.0.0.1:9200");
        OpenSearchSettings s = OpenSearchTraceStoreFactory.settings(at, StoreOptions.fromEnvironment(false,
                Map.of("MAILTRACE_STORE_SHARDS", "8", "MAILTRACE_STORE_REPLICAS", "2", "MAILTRACE_STORE_BULK_DOCS", "2500",
                        "MAILTRACE_STORE_BULK_MB", "16")));
        assertThat(s.shards()).isEqualTo(8);
        assertThat(s.replicas()).isEqualTo(2);
        assertThat(s.bulkMaxDocs()).isEqualTo(2500);
        assertThat(s.bulkMaxBytes()).isEqualTo(16 * 1024 * 1024);
        OpenSearchSettings defaults = OpenSearchTraceStoreFactory.settings(at, StoreOptions.fromEnvironment(false, Map.of()));
        assertThat(defaults.shards()).isEqualTo(1);
        assertThat(defaults.replicas()).isEqualTo(1);
        assertThat(defaults.bulkMaxDocs()).isEqualTo(5000);
        assertThat(defaults.bulkMaxBytes()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void theLargestBulkSizeOfTheEnvironmentIsAValidSetting() {
        StoreLocation at = StoreLocation.parse("opensearch:http://127.0.0.1:9200");
        OpenSearchSettings s = OpenSearchTraceStoreFactory.settings(at, StoreOptions.of(false)
                .withBulkMiB(StoreOptions.MAX_BULK_MIB).withBulkDocs(StoreOptions.MAX_BULK_DOCS)
                .withShards(StoreOptions.MAX_SHARDS).withReplicas(StoreOptions.MAX_REPLICAS));
        assertThat(s.bulkMaxBytes()).isEqualTo(90 * 1024 * 1024);
        assertThat(s.shards()).isEqualTo(1024);
    }
}
