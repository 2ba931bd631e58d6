package org.mailtrace.format.exim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.event.Peer;

/**
 * The {@code KEY=value} fields Exim puts after an address: {@code H=name (helo) [ip]:port},
 * {@code T="subject"} and {@code C="250 ..."} quoted with backslash escapes, {@code F=<sender>},
 * plain {@code R=router}; standalone flags ({@code L}, {@code K}, {@code *}) are skipped. The first
 * value of a key counts.
 *
 * <p>Two endings: an arrival's {@code for a b c} recipient list, and a delivery's free text (the
 * reason of {@code **} and {@code ==}), which starts at the first word that is no field, or after a
 * lone {@code :} or a value ending in {@code :} ({@code R=r0: bounced}).
 */
final class EximFields {
    private final Map<String, String> values = new HashMap<>();
    /** The {@code H=} field's parts; null when there is none. */
    Peer host;
    String helo;
    /** The recipients after {@code for}, or null when the line has no list. */
    List<String> recipients;
    /** The free text after the fields, or null. */
    String text;

    private EximFields() {
    }

    String get(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Reads fields from {@code from}. With {@code freeText} the first word that is no field starts the
     * free text; without, an arrival line: unknown words are skipped and {@code for} starts the recipients.
     */
    static EximFields parse(String s, int from, boolean freeText) {
        EximFields f = new EximFields();
        int n = s.length();
        int p = from;
        while (true) {
            p = skipBlanks(s, p);
            if (p >= n) {
                break;
            }
            if (!freeText && s.startsWith("for ", p)) {
                f.recipients = words(s.substring(p + 4));
                break;
            }
            int eq = keyEnd(s, p);
            if (eq > 0) {
                String key = s.substring(p, eq);
                int v = eq + 1;
                int end;
                String value;
                if (key.equals("H") || key.equals("I")) {
                    HostSpec h = HostSpec.read(s, v);
                    end = h.end;
                    value = s.substring(v, end);
                    if (key.equals("H") && f.host == null) {
                        f.host = h.peer();
                        f.helo = h.helo;
                    }
                } else if (v < n && s.charAt(v) == '"') {
                    end = quotedEnd(s, v);
                    value = unquote(s, v, end);
                } else if (v < n && s.charAt(v) == '<') {
                    int close = s.indexOf('>', v);
                    end = close < 0 ? tokenEnd(s, v) : close + 1;
                    value = s.substring(v, end);
                } else {
                    end = tokenEnd(s, v);
                    value = s.substring(v, end);
                }
                if (freeText && value.endsWith(":") && end > v) {
                    f.values.putIfAbsent(key, value.substring(0, value.length() - 1));
                    f.text = rest(s, end);
                    break;
                }
                f.values.putIfAbsent(key, value);
                p = end;
                continue;
            }
            int end = tokenEnd(s, p);
            String word = s.substring(p, end);
            if (freeText && word.equals(":")) {
                f.text = rest(s, end);
                break;
            }
            if (freeText && !isFlag(word)) {
                f.text = rest(s, p);
                break;
            }
            p = end;
        }
        return f;
    }

    /** A field key ({@code H}, {@code id}, {@code M8S}, {@code CV}) and '=' at {@code p}: the index of '=', else -1. */
    private static int keyEnd(String s, int p) {
        int q = p;
        while (q < s.length() && (Character.isLetterOrDigit(s.charAt(q)) || s.charAt(q) == '_') && q - p < 12) {
            q++;
        }
        return q > p && q < s.length() && s.charAt(q) == '=' && Character.isLetter(s.charAt(p)) ? q : -1;
    }

    /** Exim's standalone flags on arrival and delivery lines: {@code L}, {@code L*}, {@code K}, {@code *}. */
    private static boolean isFlag(String word) {
        if (word.isEmpty() || word.length() > 2) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '*')) {
                return false;
            }
        }
        return true;
    }

    /** The index just past the closing quote of the string opening at {@code open} (or the line's end). */
    static int quotedEnd(String s, int open) {
        int q = open + 1;
        while (q < s.length()) {
            char c = s.charAt(q);
            if (c == '\\' && q + 1 < s.length()) {
                q += 2;
                continue;
            }
            if (c == '"') {
                return q + 1;
            }
            q++;
        }
        return s.length();
    }

    /**
     * The quoted string between {@code open} and {@code end} with Exim's escapes undone: {@code \"},
     * {@code \\}, {@code \t}, octal bytes ({@code \344}: UTF-8 when they form it, else Latin-1), and
     * {@code \n} with the blanks after it (a folded header) as one space. Other escapes stay as written.
     */
    static String unquote(String s, int open, int end) {
        int stop = end > open + 1 && s.charAt(end - 1) == '"' ? end - 1 : end;
        StringBuilder b = new StringBuilder(stop - open);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = open + 1; i < stop; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= stop) {
                flush(bytes, b);
                b.append(c);
                continue;
            }
            char e = s.charAt(i + 1);
            if (e >= '0' && e <= '7') {
                int v = 0;
                int j = i + 1;
                while (j < stop && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    v = v * 8 + (s.charAt(j++) - '0');
                }
                bytes.write(v & 0xff);
                i = j - 1;
                continue;
            }
            flush(bytes, b);
            i++;
            switch (e) {
                case '"', '\\' -> b.append(e);
                case 't' -> b.append('\t');
                case 'n', 'r' -> {
                    while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
                        b.setLength(b.length() - 1);
                    }
                    b.append(' ');
                    while (i + 1 < stop && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t')) {
                        i++;
                    }
                }
                default -> b.append('\\').append(e);
            }
        }
        flush(bytes, b);
        return b.toString();
    }

    /** Appends the pending octal-escaped bytes: as UTF-8 when they are valid UTF-8, else as Latin-1. */
    private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder b) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] raw = bytes.toByteArray();
        bytes.reset();
        try {
            b.append(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(raw)));
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            b.append(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /** The address in angle brackets ({@code <a@b>} gives {@code a@b}, {@code <>} gives ""), or the word itself. */
    static String address(String word) {
        if (word == null) {
            return null;
        }
        return word.length() >= 2 && word.startsWith("<") && word.endsWith(">") ? word.substring(1, word.length() - 1)
                : word;
    }

    static int skipBlanks(String s, int p) {
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    static int tokenEnd(String s, int p) {
        while (p < s.length() && s.charAt(p) != ' ') {
            p++;
        }
        return p;
    }

    private static String rest(String s, int p) {
        String r = s.substring(Math.min(skipBlanks(s, p), s.length())).trim();
        return r.isEmpty() ? null : r;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split(" +")) {
            if (!w.isEmpty()) {
                out.add(address(w));
            }
        }
        return out;
    }

    /**
     * Exim's host: {@code name (helo) [ip]:port}, each part optional ({@code (helo) [ip]},
     * {@code [ip]}, {@code name [ip]}); the HELO may hold spaces.
     */
    record HostSpec(String name, String helo, String ip, Integer port, int end) {

        Peer peer() {
            return name == null && ip == null ? null : new Peer(name, ip, port);
        }

        static HostSpec read(String s, int from) {
            int n = s.length();
            int p = from;
            String name = null;
            String helo = null;
            String ip = null;
            Integer port = null;
            if (p < n && s.charAt(p) != '(' && s.charAt(p) != '[') {
                int end = tokenEnd(s, p);
                name = s.substring(p, end);
                p = end;
            }
            int q = name == null ? p : p + 1;
            if (q < n && s.charAt(q) == '(' && (name == null || s.charAt(p) == ' ')) {
                int close = s.indexOf(')', q);
                while (close >= 0 && close + 1 < n && s.charAt(close + 1) != ' ') {
                    close = s.indexOf(')', close + 1);
                }
                if (close > q) {
                    helo = s.substring(q + 1, close);
                    p = close + 1;
                    q = p + 1;
                }
            }
            if (q < n && s.charAt(q) == '[' && (q == from || s.charAt(q - 1) == ' ')) {
                int close = s.indexOf(']', q);
                if (close > q) {
                    ip = s.substring(q + 1, close);
                    p = close + 1;
                    if (p < n && s.charAt(p) == ':') {
                        int d = tokenEnd(s, p);
                        String digits = s.substring(p + 1, d);
                        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(Character::isDigit)) {
                            port = Integer.parseInt(digits);
                        }
                        p = d; // a port that is no number (a test suite's placeholder) is skipped
                    }
                }
            }
            return new HostSpec(name, helo, ip, port, p);
        }
    }
}
