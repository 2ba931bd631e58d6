package org.mailtrace.format.postfix;

import java.util.regex.Pattern;

import org.mailtrace.event.QueueId;

/**
 * Postfix's queue IDs: their two shapes, and the queue-ID prefix that most Postfix lines start
 * with ({@code 3F1B6C0423: ...} or {@code NOQUEUE: ...}). A cheap character scan comes first;
 * {@link #looksLike} has the last word. Public for other formats that read a Postfix next hop's
 * ID out of a reply ({@code 250 2.0.0 Ok: queued as 3F1B6C0423}).
 */
public final class QueueIds {
    static final String NOQUEUE = "NOQUEUE";
    private static final Pattern SHORT = Pattern.compile("[0-9A-F]{6,15}");

    private QueueIds() {
    }

    /**
     * The index of the colon ending a leading queue ID (or {@code NOQUEUE}) when {@code message} starts
     * with one followed by ": " or the end; otherwise -1.
     */
    static int prefixEnd(String message) {
        int n = Math.min(message.length(), 22);
        int i = 0;
        while (i < n && isAlnum(message.charAt(i))) {
            i++;
        }
        if (i < 6 || i >= message.length() || message.charAt(i) != ':') {
            return -1;
        }
        if (i + 1 < message.length() && message.charAt(i + 1) != ' ') {
            return -1;
        }
        if (message.startsWith(NOQUEUE) && i == NOQUEUE.length()) {
            return i;
        }
        return looksLike(message.subSequence(0, i)) ? i : -1;
    }

    /** The queue ID ending at {@code colon}, or null for {@code NOQUEUE}. */
    static QueueId at(String message, int colon) {
        String id = message.substring(0, colon);
        return id.equals(NOQUEUE) ? null : new QueueId(id);
    }

    /** The text after the prefix's ": ". */
    static String rest(String message, int colon) {
        return colon + 2 <= message.length() ? message.substring(colon + 2) : "";
    }

    /** A queue ID when {@code text} is exactly one, else null (for {@code queued as X}, {@code queued_as: X}). */
    static QueueId orNull(String text) {
        return text != null && !text.isEmpty() && looksLike(text) ? new QueueId(text) : null;
    }

    /**
     * True when {@code s} has the shape of a short (hex, {@code 3F1B6C0423}) or long
     * ({@code 4XwH2p1Yv5zBQ3K}, no vowels) Postfix queue ID.
     */
    public static boolean looksLike(CharSequence s) {
        // Same test as the patterns [0-9A-F]{6,15} and [0-9B-Zb-z without vowels]{10,20}, without a
        // Matcher: it runs for most words of every line.
        int n = s.length();
        if (n < 6 || n > 20) {
            return false;
        }
        boolean shortShape = n <= 15;
        boolean longShape = n >= 10;
        for (int i = 0; i < n && (shortShape || longShape); i++) {
            char c = s.charAt(i);
            shortShape &= c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
            longShape &= c >= '0' && c <= '9' || isConsonant(c);
        }
        return shortShape || longShape;
    }

    /** Whether the ID is of the long kind ({@code enable_long_queue_ids = yes}). */
    static boolean isLong(QueueId id) {
        return !SHORT.matcher(id.value()).matches();
    }

    private static boolean isConsonant(char c) {
        char u = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
        return u >= 'B' && u <= 'Z' && u != 'E' && u != 'I' && u != 'O' && u != 'U';
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
