package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowCursorTest {
    private static final CursorKey KEY = CursorKey.random();
    @Test
    void encodedCursorDecodesToTheSameSortValuesAndSearchAfter() {
        RowCursor c = new RowCursor(1_709_287_200_000_000_123L, "trace-ü", "Bob@Example.org", 7);
        assertThat(RowCursor.decode(c.encode(KEY), KEY)).isEqualTo(c);
        assertThat(c.searchAfter().toString()).isEqualTo("[1709287200000000123,\"trace-ü\",\"Bob@Example.org\",7]");
    }

    @Test
    void cursorFromAHitsSortArray() throws Exception {
        var sort = ClusterClient.json().readTree("[1709287200000000000,\"t1\",\"\",0]");
        assertThat(RowCursor.of(sort)).isEqualTo(new RowCursor(1_709_287_200_000_000_000L, "t1", "", 0));
    }

    @Test
    void truncatedOrForeignCursorIsAnInvalidCursor() {
        String good = new RowCursor(1, "t", "r", 0).encode(KEY);
        for (String bad : new String[] {good.substring(0, good.length() - 2), good + "AA", "AAAA", "", "%%%"}) {
            assertThatThrownBy(() -> RowCursor.decode(bad, KEY)).isInstanceOf(IllegalArgumentException.class)
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
        String encoded = c.encode(KEY);
        assertThat(RowCursor.decode(encoded, KEY)).isEqualTo(c);
        assertThat(RowCursor.decode(encoded, KEY).searchAfter()).isEqualTo(c.searchAfter());
        assertThat(encoded).matches("[A-Za-z0-9_-]+").hasSizeLessThan(pit.length() / 2);
    }

    @Test
    void aPointInTimeIdThatIsNotCanonicalBase64IsKeptAsText() {
        RowCursor c = new RowCursor(5, "t", "r", 0).inPit("not base64: ?!");
        assertThat(RowCursor.decode(c.encode(KEY), KEY).pitId()).isEqualTo("not base64: ?!");
    }

    @Test
    void anUnsignedCursorOfAnEarlierReleaseIsRefusedWithTheAdviceToStartAgain() {
        java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(1 + 8 + 4 + 4 + 1 + 4 + 1);
        v1.put((byte) 1).putLong(1).putInt(0).putInt(1).put((byte) 't').putInt(1).put((byte) 'r');
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(v1.array());
        assertThatThrownBy(() -> RowCursor.decode(unsigned, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid for this installation")
                .hasMessageContaining("restart the search from the first page");
    }

    @Test
    void aCursorOfAnotherInstallationsKeyIsRefusedAndItsPointInTimeNeverRead() {
        String theirs = new RowCursor(1, "t", "r", 0).inPit(pitIdOf(3)).encode(CursorKey.random());
        assertThatThrownBy(() -> RowCursor.decode(theirs, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cursor '" + theirs.substring(0, 40) + "...': it is not valid for this installation")
                .hasMessageEndingWith("restart the search from the first page, without a cursor");
    }

    @Test
    void aCursorWithAnyByteChangedIsRefused() {
        byte[] raw = java.util.Base64.getUrlDecoder().decode(new RowCursor(1_000, "t1", "bob@example.org", 3).inPit(pitIdOf(2)).encode(KEY));
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            String bad = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> RowCursor.decode(bad, KEY)).as("byte %d changed", i)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid for this installation");
        }
    }

    @Test
    void aCursorInAPointInTimeOfTheMostShardsStillFitsTheLongestCursorWithItsSignature() {
        String encoded = new RowCursor(Long.MAX_VALUE, "0b5e7c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b", "someone.with.a.long.name@example.org", 99)
                .inPit(pitIdOf(PointInTime.MAX_SHARDS)).encode(KEY);
        assertThat(encoded.length()).isLessThanOrEqualTo(org.mailtrace.store.TracePage.MAX_CURSOR_LENGTH);
    }

    @Test
    void aCursorWithATruncatedPointInTimeIsAnInvalidCursor() {
        String good = new RowCursor(1, "t", "r", 0).inPit(pitIdOf(3)).encode(KEY);
        for (String bad : new String[] {good.substring(0, good.length() - 3), good + "AAAA"}) {
            assertThatThrownBy(() -> RowCursor.decode(bad, KEY)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid cursor");
        }
    }
}
