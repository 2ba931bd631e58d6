package org.mailtrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {

    @Test
    void plainOptionsCarryOnlyReadOnlyAndTheDefaultIndexPrefix() {
        StoreOptions o = StoreOptions.of(true);
        assertThat(o.readOnly()).isTrue();
        assertThat(o.username()).isNull();
        assertThat(o.password()).isNull();
        assertThat(o.caFile()).isNull();
        assertThat(o.indexPrefix()).isEqualTo("mailtrace");
    }

    @Test
    void networkStoreFieldsAreKeptAndReadOnlyCanBeChangedAfterwards() {
        StoreOptions o = StoreOptions.of(false).withCredentials("mailtrace", "pw").withCaFile(Path.of("/etc/mailtrace/ca.pem"))
                .withIndexPrefix("mt-site2").withReadOnly(true);
        assertThat(o).isEqualTo(new StoreOptions(true, "mailtrace", "pw", Path.of("/etc/mailtrace/ca.pem"), "mt-site2"));
    }

    @Test
    void thePasswordNeverShowsInToString() {
        String text = StoreOptions.of(false).withCredentials("mailtrace", "s3cret-pw").toString();
        assertThat(text).contains("username=mailtrace").contains("password=(set)").doesNotContain("s3cret-pw");
        assertThat(StoreOptions.of(false).toString()).contains("password=none");
    }

    @Test
    void aPasswordWithoutAUserIsRefused() {
        assertThatThrownBy(() -> StoreOptions.of(false).withCredentials(" ", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a store user name");
    }

    @Test
    void anIndexPrefixMustBeUsableInIndexNames() {
        for (String bad : new String[] {"MailTrace", "_hidden", "-x", "a b", "a*", "a/b", "x".repeat(101), ""}) {
            assertThatThrownBy(() -> StoreOptions.of(false).withIndexPrefix(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase letters");
        }
        assertThat(StoreOptions.of(false).withIndexPrefix("mt_2-a").indexPrefix()).isEqualTo("mt_2-a");
    }

    @Test
    void requestTimeoutAndRetriesComeFromTheEnvironmentOrStayTheStoresDefault() {
        StoreOptions o = StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "30s",
                "MAILTRACE_STORE_RETRIES", "4"));
        assertThat(o.requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(o.retries()).isEqualTo(4);
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "2m")).requestTimeout())
                .isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "750ms")).requestTimeout())
                .isEqualTo(java.time.Duration.ofMillis(750));
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "45")).requestTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(45));
        StoreOptions none = StoreOptions.fromEnvironment(false, java.util.Map.of());
        assertThat(none.requestTimeout()).isNull();
        assertThat(none.retries()).isNull();
        assertThat(o.withReadOnly(true).withIndexPrefix("x").retries()).isEqualTo(4);
    }

    @Test
    void unusableTimeoutsAndRetriesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAILTRACE_STORE_TIMEOUT 'soon'");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_TIMEOUT", "0s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_RETRIES", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAILTRACE_STORE_RETRIES 'many'");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_RETRIES", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 1000");
    }

    @Test
    void thePasswordFilesFirstLineIsThePasswordWithoutItsLineEnd(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path unix = java.nio.file.Files.writeString(dir.resolve("unix"), " s3cret pw \n");
        Path windows = java.nio.file.Files.writeString(dir.resolve("windows"), "s3cret\r\nsecond line\r\n");
        Path bare = java.nio.file.Files.writeString(dir.resolve("bare"), "s3cret");
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD_FILE", unix.toString())).password()).isEqualTo(" s3cret pw ");
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD_FILE", windows.toString())).password()).isEqualTo("s3cret");
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD_FILE", bare.toString())).password()).isEqualTo("s3cret");
    }

    @Test
    void thePasswordVariableWinsOverThePasswordFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("pw"), "from-file\n");
        assertThat(StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD", "from-variable", "MAILTRACE_STORE_PASSWORD_FILE", file.toString())).password())
                .isEqualTo("from-variable");
    }

    @Test
    void anUnreadablePasswordFileIsRefusedNamingIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("no-such-file");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_USER", "mt",
                "MAILTRACE_STORE_PASSWORD_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAILTRACE_STORE_PASSWORD_FILE " + missing + ": cannot read it")
                .hasMessageContaining("point it at a file that holds the store password");
    }

    @Test
    void shardsReplicasAndBulkSizeComeFromTheEnvironmentOrStayTheStoresDefault() {
        StoreOptions o = StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "8",
                "MAILTRACE_STORE_REPLICAS", "0", "MAILTRACE_STORE_BULK_DOCS", " 2000 ", "MAILTRACE_STORE_BULK_MB", "16"));
        assertThat(o.shards()).isEqualTo(8);
        assertThat(o.replicas()).isZero();
        assertThat(o.bulkDocs()).isEqualTo(2000);
        assertThat(o.bulkMiB()).isEqualTo(16);
        assertThat(o.withReadOnly(true).withRetries(3).withIndexPrefix("x")).extracting(StoreOptions::shards,
                StoreOptions::replicas, StoreOptions::bulkDocs, StoreOptions::bulkMiB).containsExactly(8, 0, 2000, 16);
        StoreOptions none = StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", " "));
        assertThat(none).extracting(StoreOptions::shards, StoreOptions::replicas, StoreOptions::bulkDocs,
                StoreOptions::bulkMiB).containsOnlyNulls();
        assertThat(o.toString()).contains("shards=8", "replicas=0", "bulkDocs=2000", "bulkMiB=16");
    }

    @Test
    void theLimitsOfShardsReplicasAndBulkSizeAreAccepted() {
        StoreOptions low = StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "1",
                "MAILTRACE_STORE_REPLICAS", "0", "MAILTRACE_STORE_BULK_DOCS", "1", "MAILTRACE_STORE_BULK_MB", "1"));
        assertThat(low).extracting(StoreOptions::shards, StoreOptions::replicas, StoreOptions::bulkDocs,
                StoreOptions::bulkMiB).containsExactly(1, 0, 1, 1);
        StoreOptions high = StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "1024",
                "MAILTRACE_STORE_REPLICAS", "100", "MAILTRACE_STORE_BULK_DOCS", "1000000", "MAILTRACE_STORE_BULK_MB", "90"));
        assertThat(high).extracting(StoreOptions::shards, StoreOptions::replicas, StoreOptions::bulkDocs,
                StoreOptions::bulkMiB).containsExactly(StoreOptions.MAX_SHARDS, StoreOptions.MAX_REPLICAS,
                StoreOptions.MAX_BULK_DOCS, StoreOptions.MAX_BULK_MIB);
    }

    @Test
    void shardsReplicasAndBulkSizeOutOfRangeAreRefusedSayingTheValueTheRangeAndWhatToGive() {
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAILTRACE_STORE_SHARDS 0 is out of range: primary shards per daily index must be 1 to 1024")
                .hasMessageContaining("e.g. 8 for 100M messages a day");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "1025")))
                .hasMessageContaining("MAILTRACE_STORE_SHARDS 1025 is out of range");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_REPLICAS", "-1")))
                .hasMessageContaining("MAILTRACE_STORE_REPLICAS -1 is out of range: replicas per index must be 0 to 100")
                .hasMessageContaining("0 on a single node");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_BULK_DOCS", "0")))
                .hasMessageContaining("MAILTRACE_STORE_BULK_DOCS 0 is out of range: documents per bulk request must be 1 to 1000000");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_BULK_MB", "100")))
                .hasMessageContaining("MAILTRACE_STORE_BULK_MB 100 is out of range: MiB per bulk request must be 1 to 90")
                .hasMessageContaining("http.max_content_length");
        assertThatThrownBy(() -> StoreOptions.of(false).withShards(-3)).hasMessageContaining("MAILTRACE_STORE_SHARDS -3");
    }

    @Test
    void shardsReplicasAndBulkSizeThatAreNoWholeNumbersAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_SHARDS", "eight")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("MAILTRACE_STORE_SHARDS 'eight' is not a whole number; write e.g. 8");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_REPLICAS", "1.5")))
                .hasMessageContaining("MAILTRACE_STORE_REPLICAS '1.5' is not a whole number");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_BULK_DOCS", "5k")))
                .hasMessageContaining("MAILTRACE_STORE_BULK_DOCS '5k' is not a whole number; write e.g. 5000");
        assertThatThrownBy(() -> StoreOptions.fromEnvironment(false, java.util.Map.of("MAILTRACE_STORE_BULK_MB", "8MiB")))
                .hasMessageContaining("MAILTRACE_STORE_BULK_MB '8MiB' is not a whole number; write e.g. 8");
    }
}
