package org.mailtrace.format.exim;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.mailtrace.source.Framed;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * Frames Exim's lines, from its own files or through syslog, into {@link RawLine}s with tag {@code exim}.
 *
 * <ul>
 *   <li>Main, reject and panic log: {@code 2026-11-28 12:44:35[.123] [+0100] [[pid]] rest}. These
 *       lines name no host: it is {@link #HOST}. A line without a date that follows a dated one (the
 *       header lines a reject-log entry carries, a multi-line panic) continues that entry: it is framed
 *       with tag {@link #CONTINUATION}, for the parser to count and skip.</li>
 *   <li>Syslog ({@code log_file_path = syslog}): {@code Nov 28 12:44:35 mx exim[123]: 2026-11-28 12:44:35 rest},
 *       tag {@code exim} or {@code exim4}. Exim's own date, when repeated in the message, gives the
 *       time (it has the year). Lines Exim split for syslog ({@code [1/3] ...}; {@code [1\3]} when
 *       split at a newline) are held until the last part and framed whole; of an entry with a
 *       newline (reject-log headers) only the first line is kept. With {@code syslog_duplication}
 *       Exim writes a reject to syslog twice in a row: the repeat gets tag {@link #DUPLICATE}.
 *       Lines of other programs are passed on as the syslog framing made them (not Exim's).</li>
 * </ul>
 * Never throws on input. Not thread-safe: one per stream.
 */
public final class EximFraming implements LineFraming {
    /** The host of main-log lines, which name none. */
    public static final String HOST = LineFraming.UNNAMED_HOST;
    static final String TAG = "exim";
    /** Tag of a line that continues the previous entry (reject-log headers). */
    static final String CONTINUATION = "exim/continuation";
    /** Tag of a syslog line that repeats the one before it (syslog_duplication). */
    static final String DUPLICATE = "exim/duplicate";

    private final ZoneId zone;
    private final SyslogFraming syslog;
    /** The time of the last main-log line: undated lines after it continue its entry. */
    private Instant lastTime;
    private String lastSyslogLine;
    /** Split syslog lines being joined, by host, tag and pid. */
    private final Map<String, Split> splits = new HashMap<>();

    private static final class Split {
        final RawLine first;
        final StringBuilder text = new StringBuilder();
        int next;
        int total;
        boolean cutAtNewline;

        Split(RawLine first) {
            this.first = first;
        }
    }

    public EximFraming(ZoneId zone, YearResolver years) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.syslog = new SyslogFraming(zone, years);
    }

    @Override
    public Framed frame(String text, String source) {
        if (text == null) {
            return Framed.notSyslog("empty line");
        }
        String s = stripLineEnd(text);
        if (s.isBlank()) {
            return Framed.notSyslog("empty line");
        }
        EximStamp stamp = EximStamp.read(s, zone);
        if (stamp != null) {
            lastTime = stamp.time();
            return Framed.ok(new RawLine(stamp.time(), HOST, TAG, stamp.pid(), s.substring(stamp.end()), source));
        }
        Framed framed = syslog.frame(s, source);
        if (framed instanceof Framed.Ok ok) {
            RawLine r = ok.line();
            if (!isEximTag(r.tag())) {
                return framed; // another program's line: the parser says it is not ours
            }
            return throughSyslog(r, source);
        }
        if (lastTime != null) {
            return Framed.ok(new RawLine(lastTime, HOST, CONTINUATION, -1, s, source));
        }
        return framed;
    }

    private Framed throughSyslog(RawLine r, String source) {
        String msg = r.message();
        RawLine head = r;
        int[] part = splitPrefix(msg);
        if (part != null) {
            String key = r.host() + "|" + r.tag() + "|" + r.pid();
            String body = msg.substring(part[3]);
            Split split;
            if (part[0] == 1) {
                split = new Split(r);
                split.total = part[1];
                splits.put(key, split);
            } else {
                split = splits.get(key);
                if (split == null || split.next != part[0] || split.total != part[1]) {
                    splits.remove(key);
                    return Framed.notSyslog("part of a split Exim line whose earlier parts are missing");
                }
                if (split.cutAtNewline) {
                    split.text.append('\n');
                }
            }
            split.text.append(body);
            split.cutAtNewline = part[2] == '\\';
            split.next = part[0] + 1;
            if (part[0] < part[1]) {
                return Framed.HELD;
            }
            splits.remove(key);
            msg = split.text.toString();
            head = split.first;
        }
        int newline = msg.indexOf('\n');
        if (newline >= 0) {
            msg = msg.substring(0, newline);
        }
        Instant time = head.time();
        long pid = head.pid();
        EximStamp own = EximStamp.read(msg, zone);
        if (own != null) {
            time = own.time();
            if (own.pid() >= 0) {
                pid = own.pid();
            }
            msg = msg.substring(own.end());
        }
        String host = head.host() == null || head.host().isEmpty() ? HOST : head.host();
        lastTime = null; // through syslog an entry's further lines are split parts, never undated lines
        String identity = time + "|" + host + "|" + pid + "|" + msg;
        boolean repeated = identity.equals(lastSyslogLine);
        lastSyslogLine = identity;
        return Framed.ok(new RawLine(time, host, repeated ? DUPLICATE : TAG, pid, msg, source));
    }

    /** {@code [n/m] } or {@code [n\m] } at the start: {n, m, separator, start of the text}, else null. */
    private static int[] splitPrefix(String s) {
        if (s.length() < 6 || s.charAt(0) != '[') {
            return null;
        }
        int p = 1;
        int n = 0;
        while (p < s.length() && Character.isDigit(s.charAt(p)) && p < 5) {
            n = n * 10 + (s.charAt(p++) - '0');
        }
        if (p == 1 || p >= s.length() || s.charAt(p) != '/' && s.charAt(p) != '\\') {
            return null;
        }
        char sep = s.charAt(p++);
        int start = p;
        int m = 0;
        while (p < s.length() && Character.isDigit(s.charAt(p)) && p - start < 4) {
            m = m * 10 + (s.charAt(p++) - '0');
        }
        if (p == start || p + 1 >= s.length() || s.charAt(p) != ']' || s.charAt(p + 1) != ' ' || n < 1 || n > m) {
            return null;
        }
        return new int[] {n, m, sep, p + 2};
    }

    static boolean isEximTag(String tag) {
        return tag != null && (tag.equals("exim") || tag.equals("exim4") || tag.startsWith("exim4-")
                || tag.startsWith("exim-"));
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
