package org.mailtrace.format.postfix;

import java.util.ArrayList;
import java.util.List;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.ParseResult;

/**
 * amavisd-new, the classic Postfix content filter; only its main log line carries trace data:
 * {@code (12345-01) Passed CLEAN {RelayedInbound}, [192.0.2.9]:4312 [192.0.2.9] <a@x> -> <b@y>,<c@y>,
 * Queue-ID: 3F1B6C0423, Message-ID: <m@x>, mail_id: x, Hits: -1.2, size: 123, queued_as: 4A2C7D0551, 512 ms}.
 * The category may carry a parenthesised detail ({@code Blocked INFECTED (Eicar-Signature)}); the braces
 * (amavisd 2.7 and later) may be missing. Everything else amavis logs is ignored.
 */
final class AmavisLines {
    private AmavisLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int p = 0;
        if (message.startsWith("(")) {
            int close = message.indexOf(") ");
            if (close < 0) {
                return new ParseResult.Ignored("amavis: remark");
            }
            p = close + 2;
        }
        String verdict;
        if (message.startsWith("Passed ", p)) {
            verdict = "Passed";
        } else if (message.startsWith("Blocked ", p)) {
            verdict = "Blocked";
        } else {
            return new ParseResult.Ignored("amavis: remark");
        }
        p += verdict.length() + 1;
        int categoryEnd = p;
        while (categoryEnd < message.length() && " ,{(".indexOf(message.charAt(categoryEnd)) < 0) {
            categoryEnd++;
        }
        if (categoryEnd == p) {
            return new ParseResult.Malformed("amavis: verdict without category");
        }
        String category = message.substring(p, categoryEnd);
        p = categoryEnd;
        String reason = null;
        if (message.startsWith(" (", p)) {
            int close = message.indexOf(')', p);
            if (close < 0) {
                return new ParseResult.Malformed("amavis: unclosed verdict detail");
            }
            reason = message.substring(p + 2, close);
            p = close + 1;
        }
        List<String> flags = new ArrayList<>();
        if (message.startsWith(" {", p)) {
            int close = message.indexOf('}', p);
            if (close < 0) {
                return new ParseResult.Malformed("amavis: unclosed flags");
            }
            for (String flag : message.substring(p + 2, close).split(",")) {
                if (!flag.isBlank()) {
                    flags.add(flag.strip());
                }
            }
            p = close + 1;
        }
        String rest = message.substring(p);
        QueueId queueId = QueueIds.orNull(field(rest, "Queue-ID"));
        QueueId queuedAs = QueueIds.orNull(firstToken(field(rest, "queued_as")));
        String messageId = field(rest, "Message-ID");
        return new ParseResult.Parsed(new FilterVerdict(meta, queueId, verdict, category, flags, recipients(rest),
                queuedAs, messageId, detail(reason, rest)));
    }

    /** The addresses after {@code ->}: {@code <b@y>,<c@y>}. */
    private static List<String> recipients(String rest) {
        List<String> out = new ArrayList<>();
        int arrow = rest.indexOf(" -> ");
        if (arrow < 0) {
            return out;
        }
        int p = arrow + 4;
        while (p < rest.length() && rest.charAt(p) == '<') {
            int close = rest.indexOf('>', p);
            if (close < 0) {
                break;
            }
            out.add(rest.substring(p + 1, close));
            p = close + 1;
            if (p < rest.length() && rest.charAt(p) == ',') {
                p++;
            }
        }
        return out;
    }

    private static String detail(String reason, String rest) {
        StringBuilder sb = new StringBuilder();
        append(sb, reason);
        String hits = field(rest, "Hits");
        if (hits != null) {
            append(sb, "Hits: " + hits);
        }
        String quarantine = field(rest, "quarantine");
        if (quarantine != null) {
            append(sb, "quarantine: " + quarantine);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (part != null && !part.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(part);
        }
    }

    /** The value after {@code ", key: "} up to the next {@code ", "}, or null. */
    static String field(String rest, String key) {
        String marker = ", " + key + ": ";
        int at = rest.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = rest.indexOf(", ", start);
        String value = rest.substring(start, end < 0 ? rest.length() : end).strip();
        return value.isEmpty() ? null : value;
    }

    private static String firstToken(String value) {
        if (value == null) {
            return null;
        }
        int end = 0;
        while (end < value.length() && Character.isLetterOrDigit(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end);
    }
}
