package org.mailtrace.format.exim;

import org.mailtrace.event.QueueId;

/**
 * Exim message IDs, in both forms one log may hold across an upgrade: {@code 1uAbCd-0001Xy-7Q}
 * (6-6-2, up to Exim 4.96) and {@code 1uAbCd-00000001Xy-7Qab} (6-11-4, from 4.97). Base-62 parts;
 * unique per host over time, so the queue namespace stays host/instance as for Postfix.
 */
final class EximIds {
    private EximIds() {
    }

    /** True when {@code s} is exactly a message ID of either form. */
    static boolean looksLike(CharSequence s) {
        return s != null && idEnd(s, 0) == s.length();
    }

    /**
     * The end of the message ID starting at {@code from}, or -1 when none starts there. The ID must end
     * the text or be followed by a non-ID character (a space, {@code @}, {@code "}, {@code >}).
     */
    static int idEnd(CharSequence s, int from) {
        int first = base62Run(s, from);
        if (first != 6 || !dashAt(s, from + 6)) {
            return -1;
        }
        int second = base62Run(s, from + 7);
        int third = second == 6 || second == 11 ? base62Run(s, from + 8 + second) : -1;
        if (!dashAt(s, from + 7 + second)
                || !(second == 6 && third == 2 || second == 11 && third == 4)) {
            return -1;
        }
        int end = from + 8 + second + third;
        return end < s.length() && s.charAt(end) == '-' ? -1 : end;
    }

    /** The ID at the start of a log message ({@code 1uAbCd-0001Xy-7Q <= ...}), or null. */
    static QueueId leading(String message) {
        int end = idEnd(message, 0);
        if (end < 0 || end < message.length() && message.charAt(end) != ' ') {
            return null;
        }
        return new QueueId(message.substring(0, end));
    }

    private static int base62Run(CharSequence s, int from) {
        int p = from;
        while (p < s.length() && isBase62(s.charAt(p))) {
            p++;
        }
        return p - from;
    }

    private static boolean dashAt(CharSequence s, int at) {
        return at < s.length() && s.charAt(at) == '-';
    }

    private static boolean isBase62(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
