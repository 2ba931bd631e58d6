package org.mailtrace.source;

/**
 * Reads the timestamp at the start of a syslog header, by hand (this runs for every line), into its
 * fields. Two shapes: BSD {@code Dec  8 15:04:15[.123456]} (no year, no zone) and RFC 3339
 * {@code 2019-12-18T15:04:15[.123456](Z|+01:00)} (zone optional: then the caller's zone applies).
 *
 * <p>Not thread-safe: one instance per framing, reused for each line.
 */
final class SyslogTimestamp {
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int nanos;
    /** Offset in seconds east of UTC, or {@link Integer#MIN_VALUE} when the timestamp names no zone. */
    int offsetSeconds;
    /** Index just after the timestamp. */
    int end;

    /** Reads a BSD timestamp at {@code p}; returns false when there is none. Leaves {@link #year} 0. */
    boolean readBsd(String s, int p) {
        int n = s.length();
        if (p + 14 > n) {
            return false;
        }
        month = monthOf(s.charAt(p), s.charAt(p + 1), s.charAt(p + 2));
        if (month == 0 || s.charAt(p + 3) != ' ') {
            return false;
        }
        int q = p + 4;
        if (s.charAt(q) == ' ') {
            q++;
        }
        int dayStart = q;
        while (q < n && q - dayStart < 2 && isDigit(s.charAt(q))) {
            q++;
        }
        if (q == dayStart || q >= n || s.charAt(q) != ' ') {
            return false;
        }
        day = Integer.parseInt(s, dayStart, q, 10);
        year = 0;
        offsetSeconds = Integer.MIN_VALUE;
        return readTime(s, q + 1);
    }

    /** Reads an RFC 3339 / ISO 8601 timestamp at {@code p}; returns false when there is none. */
    boolean readIso(String s, int p) {
        int n = s.length();
        if (p + 19 > n || s.charAt(p + 4) != '-' || s.charAt(p + 7) != '-'
                || (s.charAt(p + 10) != 'T' && s.charAt(p + 10) != 't')) {
            return false;
        }
        year = digits(s, p, 4);
        month = digits(s, p + 5, 2);
        day = digits(s, p + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        if (!readTime(s, p + 11)) {
            return false;
        }
        int q = end;
        offsetSeconds = Integer.MIN_VALUE;
        if (q < n && (s.charAt(q) == 'Z' || s.charAt(q) == 'z')) {
            offsetSeconds = 0;
            end = q + 1;
        } else if (q < n && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
            int sign = s.charAt(q) == '-' ? -1 : 1;
            int hh = digits(s, q + 1, 2);
            boolean colon = q + 3 < n && s.charAt(q + 3) == ':';
            int mm = digits(s, q + (colon ? 4 : 3), 2);
            if (hh < 0 || mm < 0 || hh > 18) {
                return false;
            }
            offsetSeconds = sign * (hh * 3600 + mm * 60);
            end = q + (colon ? 6 : 5);
        }
        return true;
    }

    /** Reads {@code HH:MM:SS[.fraction]} at {@code p}. */
    private boolean readTime(String s, int p) {
        int n = s.length();
        if (p + 8 > n || s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') {
            return false;
        }
        hour = digits(s, p, 2);
        minute = digits(s, p + 3, 2);
        second = digits(s, p + 6, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return false;
        }
        if (second == 60) {
            second = 59; // a leap second: keep the line, a second early
        }
        int q = p + 8;
        nanos = 0;
        if (q < n && (s.charAt(q) == '.' || s.charAt(q) == ',')) {
            q++;
            int scale = 100_000_000;
            int start = q;
            while (q < n && isDigit(s.charAt(q))) {
                if (scale > 0) {
                    nanos += (s.charAt(q) - '0') * scale;
                    scale /= 10;
                }
                q++;
            }
            if (q == start) {
                return false;
            }
        }
        end = q;
        return true;
    }

    private static int digits(String s, int p, int count) {
        if (p + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    /** 1-12 for an English month abbreviation (any case), else 0. */
    static int monthOf(char a, char b, char c) {
        char x = Character.toLowerCase(a);
        char y = Character.toLowerCase(b);
        char z = Character.toLowerCase(c);
        for (int i = 0; i < 12; i++) {
            int at = i * 3;
            if (MONTHS.charAt(at) == x && MONTHS.charAt(at + 1) == y && MONTHS.charAt(at + 2) == z) {
                return i + 1;
            }
        }
        return 0;
    }
}
