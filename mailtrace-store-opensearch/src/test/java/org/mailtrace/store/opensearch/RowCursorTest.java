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

    /** A PIT ID shaped like OpenSearch's (padded base64url of a binary repeating index and node names per shard). */
    private static String pitIdOf(int shards) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < shards; i++) {
            b.writeBytes(("\u0017mailtrace-traces-2024.03." + (10 + i) + "\u0016").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] uuid = new byte[16];
            random.nextBytes(uuid);
            b.writeBytes(java.util.Base64.getUrlEncoder().withoutPadding().encode(uuid));
            b.writeBytes("\u0000\u0016CYB8wPRxSzOF5kZYmkdwng\u0000\u0016u873nxZeTnaH2Pa3Edg_cw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.write(i);
        }
        return java.util.Base64.getUrlEncoder().encodeToString(b.toByteArray());
    }

    @Test
    void cursorWithAPointInTimeCarriesItsIdCompressedAndDecodesToTheSameId() {
        String pit = pitIdOf(40);
        RowCursor c = new RowCursor(1_709_287_200_000_000_123L, "t1", "bob@example.org", 2).inPit(pit);
        String encoded = c.encode();
        assertThat(RowCursor.decode(encoded)).isEqualTo(c);
        assertThat(RowCursor.decode(encoded).searchAfter()).isEqualTo(c.searchAfter());
        assertThat(encoded).matches("[A-Za-z0-9_-]+").hasSizeLessThan(pit.length() / 2);
    }

    @Test
    void aPointInTimeIdThatIsNotCanonicalBase64IsKeptAsText() {
        RowCursor c = new RowCursor(5, "t", "r", 0).inPit("not base64: ?!");
        assertThat(RowCursor.decode(c.encode()).pitId()).isEqualTo("not base64: ?!");
    }

    @Test
    void aCursorWithoutAPointInTimeIsTheVersionOneLayoutOfEarlierReleases() {
        RowCursor c = new RowCursor(1, "t", "r", 0);
        assertThat(java.util.Base64.getUrlDecoder().decode(c.encode())[0]).isEqualTo((byte) 1);
        assertThat(RowCursor.decode(c.encode()).pitId()).isNull();
    }

    @Test
    void aCursorWithATruncatedPointInTimeIsAnInvalidCursor() {
        String good = new RowCursor(1, "t", "r", 0).inPit(pitIdOf(3)).encode();
        for (String bad : new String[] {good.substring(0, good.length() - 3), good + "AAAA"}) {
            assertThatThrownBy(() -> RowCursor.decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid cursor");
        }
    }
}
