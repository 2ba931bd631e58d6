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
}
