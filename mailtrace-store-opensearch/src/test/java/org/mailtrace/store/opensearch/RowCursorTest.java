package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowCursorTest {
    @Test
    void encodedCursorDecodesToTheSameSortValuesAndSearchAfter() {
        RowCursor c = new RowCursor(1_709_287_200_000_000_123L, "trace-ü", "Bob@Example.org", 7);
        assertThat(RowCursor.decode(c.encode())).isEqualTo(c);
        assertThat(c.searchAfter().toString()).isEqualTo("[1709287200000000123,\"trace-ü\",\"Bob@Example.org\",7]");
    }

    @Test
    void cursorFromAHitsSortArray() throws Exception {
        var sort = ClusterClient.json().readTree("[1709287200000000000,\"t1\",\"\",0]");
        assertThat(RowCursor.of(sort)).isEqualTo(new RowCursor(1_709_287_200_000_000_000L, "t1", "", 0));
    }

    @Test
    void truncatedOrForeignCursorIsAnInvalidCursor() {
        String good = new RowCursor(1, "t", "r", 0).encode();
        for (String bad : new String[] {good.substring(0, good.length() - 2), good + "AA", "AAAA", "", "%%%"}) {
            assertThatThrownBy(() -> RowCursor.decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid cursor");
        }
    }
}
