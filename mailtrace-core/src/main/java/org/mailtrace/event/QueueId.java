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
        return SHORT.matcher(s).matches() || LONG.matcher(s).matches();
    }

    public boolean isLong() {
        return !SHORT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
