package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CursorKeyTest {
    private static final byte[] CONTENT = "sort values and a point in time".getBytes(StandardCharsets.UTF_8);

    @Test
    void signedBytesVerifyToTheContentUnderTheSameSecret() {
        CursorKey key = CursorKey.random();
        byte[] signed = key.sign(CONTENT);
        assertThat(signed).hasSize(CONTENT.length + CursorKey.BYTES).startsWith(CONTENT);
        assertThat(key.verify(signed)).isEqualTo(CONTENT);
        assertThat(new CursorKey(key.secret()).verify(signed)).as("the stored secret is the same key").isEqualTo(CONTENT);
    }

    @Test
    void theTagIsTheHmacSha256OfTheContent() throws Exception {
        byte[] secret = new byte[CursorKey.BYTES];
        Arrays.fill(secret, (byte) 0x0b);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        byte[] signed = new CursorKey(secret).sign(CONTENT);
        assertThat(Arrays.copyOfRange(signed, CONTENT.length, signed.length)).isEqualTo(mac.doFinal(CONTENT));
    }

    @Test
    void aChangedByteAnywhereFailsVerification() {
        CursorKey key = CursorKey.random();
        byte[] signed = key.sign(CONTENT);
        for (int i = 0; i < signed.length; i++) {
            byte[] changed = signed.clone();
            changed[i] ^= (byte) 0x80;
            assertThatThrownBy(() -> key.verify(changed)).as("byte %d", i)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("signature does not match");
        }
    }

    @Test
    void anotherSecretFailsVerification() {
        byte[] signed = CursorKey.random().sign(CONTENT);
        assertThatThrownBy(() -> CursorKey.random().verify(signed))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("signature does not match");
    }

    @Test
    void truncatedOrExtendedBytesFailVerification() {
        CursorKey key = CursorKey.random();
        byte[] signed = key.sign(CONTENT);
        for (int n : new int[] {signed.length - 1, signed.length - CursorKey.BYTES, CONTENT.length / 2, 1, 0}) {
            byte[] cut = Arrays.copyOf(signed, n);
            assertThatThrownBy(() -> key.verify(cut)).as("%d bytes", n).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(signed, signed.length + 1);
        assertThatThrownBy(() -> key.verify(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> new CursorKey(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(CursorKey.random().secret()).hasSize(32).isNotEqualTo(CursorKey.random().secret());
        assertThat(CursorKey.random().toString()).contains("not shown");
    }
}
