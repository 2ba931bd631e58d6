package org.mailtrace.format.postfix;

/**
 * Reads the {@code k=v, k=v} lists of qmgr and the delivery agents:
 * {@code to=<b>, orig_to=<a>, relay=mx[ip]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 ok)}.
 * Values may be in angle brackets; {@code status=} swallows the rest of the line (its text may hold
 * commas), split into the status word and the text after it (in parentheses or after {@code ", "}).
 * A trailing {@code (text)} after the last value, as in {@code nrcpt=2 (queue active)}, is kept apart too.
 */
final class PostfixFields {
    private static final int MAX = 16;
    private final String[] keys = new String[MAX];
    private final String[] values = new String[MAX];
    private int count;
    /** The text after the status word or the trailing parenthesised text, or null. */
    String trailer;

    private PostfixFields() {
    }

    /** The fields of {@code s} from {@code from}, or null when it does not start with {@code key=}. */
    static PostfixFields parse(String s, int from) {
        PostfixFields f = new PostfixFields();
        int p = from;
        int n = s.length();
        while (p < n && f.count < MAX) {
            int eq = keyEnd(s, p);
            if (eq < 0) {
                break;
            }
            String key = s.substring(p, eq);
            int v = eq + 1;
            if (key.equals("status")) {
                f.status(s, v);
                return f;
            }
            int next;
            String value;
            if (v < n && s.charAt(v) == '<') {
                int close = s.indexOf(">,", v);
                if (close < 0) {
                    close = s.endsWith(">") ? n - 1 : -1;
                }
                if (close < 0) {
                    return f.count == 0 ? null : f;
                }
                value = s.substring(v + 1, close);
                next = close + 1;
            } else {
                int comma = s.indexOf(", ", v);
                int end = comma < 0 ? n : comma;
                value = s.substring(v, end);
                next = end;
                if (comma < 0) {
                    value = f.splitTrailer(value);
                }
            }
            f.keys[f.count] = key;
            f.values[f.count++] = value;
            if (next + 2 <= n && s.charAt(next) == ',' && s.charAt(next + 1) == ' ') {
                p = next + 2;
            } else {
                break;
            }
        }
        return f.count == 0 ? null : f;
    }

    /** The value of {@code key}, or null. */
    String get(String key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    private void status(String s, int v) {
        int n = s.length();
        int end = v;
        while (end < n && s.charAt(end) != ' ' && s.charAt(end) != ',') {
            end++;
        }
        keys[count] = "status";
        values[count++] = s.substring(v, end);
        if (end >= n) {
            return;
        }
        String rest = s.substring(s.charAt(end) == ',' ? end + 1 : end).strip();
        if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1);
        }
        trailer = rest;
    }

    private String splitTrailer(String value) {
        int paren = value.indexOf(" (");
        if (paren >= 0 && value.endsWith(")")) {
            trailer = value.substring(paren + 2, value.length() - 1);
            return value.substring(0, paren);
        }
        return value;
    }

    /** Index of the {@code '='} ending a lowercase key at {@code p}, or -1. */
    private static int keyEnd(String s, int p) {
        int q = p;
        while (q < s.length() && q - p < 24) {
            char c = s.charAt(q);
            if (c == '=') {
                return q > p ? q : -1;
            }
            if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) {
                return -1;
            }
            q++;
        }
        return -1;
    }
}
