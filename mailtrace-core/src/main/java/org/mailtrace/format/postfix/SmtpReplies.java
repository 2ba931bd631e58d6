package org.mailtrace.format.postfix;

import org.mailtrace.event.SmtpReply;

/**
 * Splits an SMTP reply as logged, {@code 550 5.1.1 <bob@example.org>: Recipient address rejected},
 * into code, enhanced status code and text. Either number may be missing ({@code 5.7.1 Spam} from a milter,
 * or plain text from an access map action).
 */
final class SmtpReplies {
    private SmtpReplies() {
    }

    static SmtpReply parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        int p = 0;
        int code = 0;
        if (t.length() >= 3 && isDigit(t, 0) && isDigit(t, 1) && isDigit(t, 2)
                && (t.length() == 3 || t.charAt(3) == ' ' || t.charAt(3) == '-') && t.charAt(0) >= '2'
                && t.charAt(0) <= '5') {
            code = Integer.parseInt(t, 0, 3, 10);
            p = Math.min(t.length(), 4);
        }
        String dsn = null;
        int dsnEnd = dsnEnd(t, p);
        if (dsnEnd > 0) {
            dsn = t.substring(p, dsnEnd);
            p = Math.min(t.length(), dsnEnd + 1);
        }
        return new SmtpReply(code, dsn, t.substring(p));
    }

    /** End of an enhanced status code {@code c.sss.ddd} at {@code p}, or -1. */
    private static int dsnEnd(String t, int p) {
        if (p + 5 > t.length() || "245".indexOf(t.charAt(p)) < 0 || t.charAt(p + 1) != '.') {
            return -1;
        }
        int q = p + 2;
        for (int part = 0; part < 2; part++) {
            int start = q;
            while (q < t.length() && q - start < 3 && isDigit(t, q)) {
                q++;
            }
            if (q == start) {
                return -1;
            }
            if (part == 0) {
                if (q >= t.length() || t.charAt(q) != '.') {
                    return -1;
                }
                q++;
            }
        }
        return q == t.length() || t.charAt(q) == ' ' ? q : -1;
    }

    private static boolean isDigit(String t, int i) {
        return t.charAt(i) >= '0' && t.charAt(i) <= '9';
    }
}
