package org.mailtrace.format.exim;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Exim's own timestamp, the first thing on every main-log line (and repeated inside syslog messages
 * unless {@code syslog_timestamp = false}): {@code 2026-11-28 12:44:35}, with {@code .123} or
 * {@code .123456} under {@code +millisec} / {@code +microsec}, and a {@code +0100} offset when
 * {@code log_timezone} is set; then, under {@code +pid}, {@code [1234]}.
 *
 * @param time the instant (zone-less times in the reader's zone)
 * @param pid  the pid in brackets, or -1
 * @param end  where the rest of the line starts (after one space)
 */
record EximStamp(Instant time, long pid, int end) {

    /** The stamp at the start of {@code s}, or null when {@code s} does not start with one. */
    static EximStamp read(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int p = 19;
        int nanos = 0;
        if (p < n && s.charAt(p) == '.') {
            int scale = 100_000_000;
            int q = p + 1;
            while (q < n && Character.isDigit(s.charAt(q)) && q - p <= 9) {
                nanos += (s.charAt(q) - '0') * scale;
                scale /= 10;
                q++;
            }
            if (q == p + 1) {
                return null;
            }
            p = q;
        }
        if (p < n && s.charAt(p) != ' ') {
            return null;
        }
        Integer offset = null;
        if (p + 5 < n + 0 && (s.charAt(p + 1) == '+' || s.charAt(p + 1) == '-') && p + 6 <= n
                && (p + 6 == n || s.charAt(p + 6) == ' ')) {
            int hh = digits(s, p + 2, 2);
            int mm = digits(s, p + 4, 2);
            if (hh >= 0 && mm >= 0) {
                offset = (s.charAt(p + 1) == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
                p += 6;
            }
        }
        long pid = -1;
        if (p + 2 < n && s.charAt(p + 1) == '[') {
            int close = s.indexOf(']', p + 2);
            if (close > p + 2 && close - p < 20 && digits(s, p + 2, close - p - 2) >= 0
                    && (close + 1 == n || s.charAt(close + 1) == ' ')) {
                pid = Long.parseLong(s, p + 2, close, 10);
                p = close + 1;
            }
        }
        Instant time;
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            time = offset == null ? local.atZone(zone).toInstant() : local.toInstant(ZoneOffset.ofTotalSeconds(offset));
        } catch (DateTimeException impossible) {
            return null;
        }
        return new EximStamp(time, pid, Math.min(p + 1, n));
    }

    /** The number in {@code count} digits at {@code p}, or -1. */
    private static int digits(String s, int p, int count) {
        if (p + count > s.length() || count <= 0 || count > 9) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
