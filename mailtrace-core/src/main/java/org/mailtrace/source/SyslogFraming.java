package org.mailtrace.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Splits one syslog text line into a {@link RawLine}: timestamp, host, program tag, pid and message.
 *
 * <p>Understood headers, each with an optional {@code <PRI>} in front:
 * <ul>
 *   <li>BSD / RFC 3164 and Postfix's own {@code maillog_file}: {@code Dec 18 15:04:15 host postfix/smtpd[21842]: msg}
 *       (day padded with a space or not, optional fractional seconds; the year comes from the {@link YearResolver})</li>
 *   <li>RFC 3339 as rsyslog writes it: {@code 2019-12-18T15:04:15.123456+01:00 host postfix/smtpd[123]: msg}</li>
 *   <li>RFC 5424: {@code <22>1 2019-12-18T15:04:15.003Z host postfix/smtpd 123 - [sd] msg}</li>
 * </ul>
 * Zone-less timestamps are read in the zone given to the constructor. A tag may lack a pid
 * ({@code postfix/smtpd: msg}); the message keeps tabs and {@code #012} escapes as they are; a trailing
 * CR is dropped.
 *
 * <p>Never throws on input. Not thread-safe (it carries the year state of one stream).
 */
public final class SyslogFraming implements LineFraming {
    private final ZoneId zone;
    private final YearResolver years;
    private final SyslogTimestamp stamp = new SyslogTimestamp();
    /** Host names and program tags: a handful of values repeated on every line. */
    private final RecentStrings recent = new RecentStrings();

    public SyslogFraming(ZoneId zone, YearResolver years) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.years = Objects.requireNonNull(years, "years");
    }

    @Override
    public Framed frame(String text, String source) {
        if (text == null) {
            return Framed.notSyslog("empty line");
        }
        String s = stripLineEnd(text);
        if (s.isEmpty()) {
            return Framed.notSyslog("empty line");
        }
        int p = 0;
        if (s.charAt(0) == '<') {
            int close = s.indexOf('>');
            if (close < 2 || close > 4 || !allDigits(s, 1, close)) {
                return Framed.notSyslog("bad priority");
            }
            p = close + 1;
        }
        boolean rfc5424 = p > 0 && p + 1 < s.length() && s.charAt(p) == '1' && s.charAt(p + 1) == ' ';
        if (rfc5424) {
            p += 2;
        }
        Instant time;
        if (p < s.length() && SyslogTimestamp.isDigit(s.charAt(p))) {
            if (!stamp.readIso(s, p)) {
                return Framed.notSyslog("bad timestamp");
            }
            time = isoInstant();
            if (time == null) {
                return Framed.notSyslog("bad timestamp");
            }
        } else if (!rfc5424 && stamp.readBsd(s, p)) {
            time = bsdInstant();
            if (time == null) {
                return Framed.notSyslog("impossible date");
            }
        } else {
            return Framed.notSyslog("no timestamp");
        }
        p = skipBlanks(s, stamp.end);
        if (p == stamp.end) {
            return Framed.notSyslog("no space after timestamp");
        }
        return rfc5424 ? frame5424(s, p, time, source) : frame3164(s, p, time, source);
    }

    private Framed frame3164(String s, int p, Instant time, String source) {
        int hostEnd = tokenEnd(s, p);
        String host = recent.get(s, p, hostEnd);
        int tagStart = skipBlanks(s, hostEnd);
        if (looksLikeTag(host)) {
            host = ""; // a local log without a host field: the first token is already the tag
            tagStart = p;
        }
        int q = tagStart;
        int n = s.length();
        char stop = 0;
        for (; q < n; q++) { // one charAt per character: the header is scanned on every line
            char c = s.charAt(q);
            if (c == '[' || c == ':' || c == ' ' || c == '\t') {
                stop = c;
                break;
            }
        }
        if (q == tagStart || q == n || stop == ' ' || stop == '\t') {
            return Framed.notSyslog("no program tag");
        }
        String tag = recent.get(s, tagStart, q);
        long pid = -1;
        if (s.charAt(q) == '[') {
            int close = s.indexOf(']', q);
            if (close < 0) {
                return Framed.notSyslog("unclosed pid");
            }
            pid = parsePid(s, q + 1, close);
            q = close + 1;
        }
        if (q >= n || s.charAt(q) != ':') {
            return Framed.notSyslog("no colon after program tag");
        }
        q++;
        if (q < n && s.charAt(q) == ' ') {
            q++;
        }
        return Framed.ok(new RawLine(time, host, tag, pid, s.substring(q), source));
    }

    private Framed frame5424(String s, int p, Instant time, String source) {
        int hostEnd = tokenEnd(s, p);
        String host = nil(s.substring(p, hostEnd));
        int appStart = skipBlanks(s, hostEnd);
        int appEnd = tokenEnd(s, appStart);
        int pidStart = skipBlanks(s, appEnd);
        int pidEnd = tokenEnd(s, pidStart);
        int msgIdStart = skipBlanks(s, pidEnd);
        int msgIdEnd = tokenEnd(s, msgIdStart);
        int sd = skipBlanks(s, msgIdEnd);
        if (msgIdEnd == msgIdStart || sd >= s.length()) {
            return Framed.notSyslog("truncated RFC 5424 header");
        }
        String tag = nil(s.substring(appStart, appEnd));
        if (tag == null) {
            return Framed.notSyslog("no program tag");
        }
        int q = skipStructuredData(s, sd);
        if (q < 0) {
            return Framed.notSyslog("bad structured data");
        }
        if (q < s.length() && s.charAt(q) == ' ') {
            q++;
        }
        if (q < s.length() && s.charAt(q) == '\uFEFF') {
            q++;
        }
        return Framed.ok(new RawLine(time, host == null ? "" : host, tag, parsePid(s, pidStart, pidEnd),
                s.substring(q), source));
    }

    /** Index after the structured data at {@code p} ({@code -} or {@code [..][..]}), or -1. */
    private static int skipStructuredData(String s, int p) {
        if (s.charAt(p) == '-') {
            return p + 1;
        }
        int q = p;
        while (q < s.length() && s.charAt(q) == '[') {
            boolean quoted = false;
            q++;
            while (q < s.length()) {
                char c = s.charAt(q);
                if (c == '\\' && quoted) {
                    q += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
                q++;
            }
            if (q >= s.length()) {
                return -1;
            }
            q++;
        }
        return q == p ? -1 : q;
    }

    private Instant isoInstant() {
        try {
            LocalDateTime local = LocalDateTime.of(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute,
                    stamp.second, stamp.nanos);
            Instant at = stamp.offsetSeconds == Integer.MIN_VALUE
                    ? local.atZone(zone).toInstant()
                    : local.toInstant(ZoneOffset.ofTotalSeconds(stamp.offsetSeconds));
            years.observe(at.atZone(zone).toLocalDate());
            return at;
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private Instant bsdInstant() {
        int year = years.yearOf(stamp.month, stamp.day,
                LocalTime.of(stamp.hour, stamp.minute, stamp.second));
        // Consecutive lines mostly share their second: reuse the instant (the zone's rules, date
        // checks and temporaries cost more than the rest of framing a line).
        long key = (((((long) year * 13 + stamp.month) * 32 + stamp.day) * 24 + stamp.hour) * 60 + stamp.minute) * 60
                + stamp.second;
        if (lastBsdInstant != null && key == lastBsdKey && stamp.nanos == lastBsdNanos) {
            return lastBsdInstant;
        }
        if (stamp.day < 1 || stamp.day > LocalDate.of(year, stamp.month, 1).lengthOfMonth()) {
            return null;
        }
        Instant instant = LocalDateTime.of(year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second, stamp.nanos)
                .atZone(zone).toInstant();
        lastBsdKey = key;
        lastBsdNanos = stamp.nanos;
        lastBsdInstant = instant;
        return instant;
    }

    private long lastBsdKey;
    private int lastBsdNanos;
    private Instant lastBsdInstant;

    private static boolean looksLikeTag(String token) {
        return token.endsWith(":") || token.indexOf('[') >= 0;
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static int skipBlanks(String s, int p) {
        int n = s.length();
        for (; p < n; p++) {
            char c = s.charAt(p);
            if (c != ' ' && c != '\t') {
                break;
            }
        }
        return p;
    }

    private static int tokenEnd(String s, int p) {
        int n = s.length();
        for (; p < n; p++) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t') {
                break;
            }
        }
        return p;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!SyslogTimestamp.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    private static long parsePid(String s, int from, int to) {
        if (to - from > 18 || !allDigits(s, from, to)) {
            return -1;
        }
        return Long.parseLong(s, from, to, 10);
    }

    private static String nil(String token) {
        return token.isEmpty() || token.equals("-") ? null : token;
    }
}
