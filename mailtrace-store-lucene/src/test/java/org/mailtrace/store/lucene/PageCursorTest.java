package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void roundTripsAnyValuesAsUrlSafeText() {
        PageCursor c = new PageCursor(-1_234_567_890_123L, "0b5e-trace/ü", "Ünïcode+rcpt@例え.jp", 7);
        String encoded = c.encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(encoded)).isEqualTo(c);
    }

    @Test
    void rejectsTruncatedTamperedOrForeignCursors() {
        String good = new PageCursor(5, "t1", "a@x.org", 0).encode();
        byte[] raw = Base64.getUrlDecoder().decode(good);
        raw[0] = 9;
        for (String bad : new String[] {good.substring(0, good.length() - 3), good + "AA",
                Base64.getUrlEncoder().encodeToString(raw), "***", "eyJhIjoxfQ"}) {
            assertThatThrownBy(() -> PageCursor.decode(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid cursor");
        }
    }
}
