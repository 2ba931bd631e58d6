package org.mailtrace.format.postfix;

import org.mailtrace.event.Envelope;

/**
 * Reads the envelope summary Postfix appends to reject and policy lines after {@code "; "}:
 * {@code from=<a> to=<b> proto=ESMTP helo=<h>} (postscreen separates with {@code ", "}). Any part may be
 * missing; cleanup may follow it with {@code ": text"}.
 */
final class Envelopes {
    private static final String[] STARTS = {"; from=<", "; to=<", "; proto=", "; helo=<"};

    /** An envelope found in a line: it starts at {@code start} (the {@code ';'}) and ends before {@code end}. */
    record Found(Envelope envelope, int start, int end) {
    }

    static final Envelope EMPTY = new Envelope(null, null, null, null);

    private Envelopes() {
    }

    /** The last envelope summary in {@code s}, or null when there is none. */
    static Found find(String s) {
        int start = -1;
        for (String marker : STARTS) {
            start = s.lastIndexOf(marker);
            if (start >= 0) {
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        String from = null;
        String to = null;
        String proto = null;
        String helo = null;
        int p = start + 2;
        int n = s.length();
        while (p < n) {
            int eq = s.indexOf('=', p);
            if (eq < 0) {
                break;
            }
            String key = s.substring(p, eq);
            int valueStart = eq + 1;
            int valueEnd;
            int next;
            if (valueStart < n && s.charAt(valueStart) == '<') {
                valueEnd = closingBracket(s, valueStart + 1);
                if (valueEnd < 0) {
                    break;
                }
                next = valueEnd + 1;
                valueStart++;
            } else {
                valueEnd = valueStart;
                while (valueEnd < n && s.charAt(valueEnd) != ' ' && s.charAt(valueEnd) != ','
                        && s.charAt(valueEnd) != ':') {
                    valueEnd++;
                }
                next = valueEnd;
            }
            String value = s.substring(valueStart, valueEnd);
            switch (key) {
                case "from": from = value; break;
                case "to": to = value; break;
                case "proto": proto = value; break;
                case "helo": helo = value; break;
                default: return new Found(new Envelope(from, to, proto, helo), start, p);
            }
            p = next;
            if (p < n && s.charAt(p) == ',') {
                p++;
            }
            if (p < n && s.charAt(p) == ' ') {
                p++;
            } else {
                break;
            }
        }
        return new Found(new Envelope(from, to, proto, helo), start, Math.min(p, n));
    }

    /** The {@code '>'} closing a value: one followed by the end, a blank, a comma or a colon. */
    private static int closingBracket(String s, int from) {
        int p = s.indexOf('>', from);
        while (p >= 0) {
            if (p + 1 == s.length() || " ,:".indexOf(s.charAt(p + 1)) >= 0) {
                return p;
            }
            p = s.indexOf('>', p + 1);
        }
        return -1;
    }
}
