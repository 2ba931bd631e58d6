package org.mailtrace.event;

import java.util.regex.Pattern;

/**
 * A Postfix queue ID: short (hex, {@code 3F1B6C0423}) or long ({@code 4XwH2p1Yv5zBQ3K}, no vowels).
 * Unique only per host and instance, and reused over time.
 */
public record QueueId(String value) {
    private static final Pattern SHORT = Pattern.compile("[0-9A-F]{6,15}");
    private static final Pattern LONG = Pattern.compile("[0-9BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz]{10,20}");

    public QueueId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty queue ID");
        }
    }

    /** True when {@code s} has the shape of a short or long Postfix queue ID. */
    public static boolean looksLike(CharSequence s) {
        // Same test as the SHORT and LONG patterns, without a Matcher: it runs for most words of every line.
        int n = s.length();
        if (n < 6 || n > 20) {
            return false;
        }
        boolean shortShape = n <= 15;
        boolean longShape = n >= 10;
        for (int i = 0; i < n && (shortShape || longShape); i++) {
            char c = s.charAt(i);
            shortShape &= c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
            longShape &= c >= '0' && c <= '9' || isConsonant(c);
        }
        return shortShape || longShape;
    }

    private static boolean isConsonant(char c) {
        char u = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        return u >= 'B' && u <= 'Z' && u != 'E' && u != 'I' && u != 'O' && u != 'U';
    }

    public boolean isLong() {
        return !SHORT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
