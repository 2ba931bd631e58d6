package org.mailtrace.server.auth;

import java.security.SecureRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (Spring Security's encoder on Bouncy Castle): salted, memory-hard,
 * the parameters stored in each hash so they can be raised later without breaking old hashes.
 */
public final class Passwords {
    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    private static final Argon2PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** Shorter passwords are refused: 12 characters, as NIST SP 800-63B suggests for user-chosen ones. */
    public static final int MIN_LENGTH = 12;

    private Passwords() {
    }

    public static String hash(String password) {
        check(password);
        return ENCODER.encode(password);
    }

    /** Constant-time comparison inside the encoder; false for a null or malformed hash. */
    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return ENCODER.matches(password, hash);
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with a new password. */
    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 1024) {
            throw new IllegalArgumentException("the password must have at most 1024 characters");
        }
    }

    /** A random password of 20 unambiguous letters and digits (about 116 bits). */
    public static String random() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
