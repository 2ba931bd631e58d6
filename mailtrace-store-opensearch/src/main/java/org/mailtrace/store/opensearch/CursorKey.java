package org.mailtrace.store.opensearch;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of one installation (one index prefix) that authenticates its page cursors: an
 * HMAC-SHA256 over the cursor's bytes, appended to them. A cursor names a point in time, and
 * installations sharing a cluster could otherwise hand each other's live point-in-time IDs to the
 * store in a forged cursor; with the tag, only a cursor this installation made pages. Every process
 * of the installation reads the same secret from the cluster ({@link CursorKeyDocument}), so a cursor
 * made by one {@code serve} pages on any other.
 */
final class CursorKey {
    /** Bytes of the secret, and of the tag appended to a signed cursor (the full HMAC-SHA256). */
    static final int BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    CursorKey(byte[] secret) {
        if (secret == null || secret.length != BYTES) {
            throw new IllegalArgumentException("a cursor key is " + BYTES + " bytes, got "
                    + (secret == null ? "none" : secret.length));
        }
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /** A new secret from the system's strong random source. */
    static CursorKey random() {
        byte[] b = new byte[BYTES];
        new SecureRandom().nextBytes(b);
        return new CursorKey(b);
    }

    /** The secret itself, to be stored. */
    byte[] secret() {
        return secret.getEncoded();
    }

    /** The content followed by its tag. */
    byte[] sign(byte[] content) {
        byte[] out = Arrays.copyOf(content, content.length + BYTES);
        System.arraycopy(tag(content, content.length), 0, out, content.length, BYTES);
        return out;
    }

    /**
     * The content of bytes {@link #sign} made with this key.
     *
     * @throws IllegalArgumentException when the tag does not match: made with another key, changed, or cut short
     */
    byte[] verify(byte[] signed) {
        int n = signed.length - BYTES;
        if (n < 1) {
            throw new IllegalArgumentException("too short to carry a signature");
        }
        byte[] expected = tag(signed, n);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(signed, n, signed.length))) {
            throw new IllegalArgumentException("signature does not match");
        }
        return Arrays.copyOf(signed, n);
    }

    private byte[] tag(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call (microseconds)
            mac.init(secret);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM + ", which every Java 17 runtime must provide", e);
        }
    }

    @Override
    public String toString() {
        return "CursorKey[secret not shown]";
    }
}
