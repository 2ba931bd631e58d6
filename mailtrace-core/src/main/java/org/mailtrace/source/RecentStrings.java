package org.mailtrace.source;

/**
 * Hands out one String per distinct value of a field that repeats from line to line (host names,
 * program tags), instead of a new substring per line: a small direct-mapped cache keyed by the
 * characters' hash, checked by comparing the characters, so a miss only costs the substring it
 * would have cost anyway. Not thread-safe: one per reader.
 */
final class RecentStrings {
    private static final int SLOTS = 64;
    /** Longer values are rarely repeated field values; they are not kept. */
    private static final int MAX_LENGTH = 64;
    private final String[] slots = new String[SLOTS];

    /** {@code s.substring(from, to)}, the same instance as last time when the value was seen recently. */
    String get(String s, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return s.substring(from, to);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && cached.length() == length && s.regionMatches(from, cached, 0, length)) {
            return cached;
        }
        String value = s.substring(from, to);
        slots[slot] = value;
        return value;
    }
}
