package org.mailtrace.format.postfix;

import org.mailtrace.event.QueueId;

/**
 * Finds the queue-ID prefix that most Postfix lines start with: {@code 3F1B6C0423: ...} or
 * {@code NOQUEUE: ...}. A cheap character scan comes first; {@link QueueId#looksLike} has the last word.
 */
final class QueueIds {
    static final String NOQUEUE = "NOQUEUE";

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
        return QueueId.looksLike(message.subSequence(0, i)) ? i : -1;
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
        return text != null && !text.isEmpty() && QueueId.looksLike(text) ? new QueueId(text) : null;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
