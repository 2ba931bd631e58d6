package org.mailtrace.cli;

import java.time.Duration;
import java.util.Locale;

/** Parses short durations as people type them on a command line: {@code 200ms}, {@code 1s}, {@code 5m}, {@code 1h}, {@code 1d}. */
final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException naming the option when {@code text} is not a positive duration */
    static Duration parse(String option, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration; write e.g. 200ms, 1s, 5m");
        }
        long n = Long.parseLong(s.substring(0, split));
        Duration d = switch (s.substring(split)) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(option + " '" + text + "': unknown unit; use ms, s, m, h or d");
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be more than 0, was '" + text + "'");
        }
        return d;
    }
}
