package org.mailtrace.format.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of the message tracking log (RFC 4180): fields separated by commas, a field with a comma,
 * a quote or a line break quoted, a quote inside quotes doubled. Never throws.
 */
final class ExchangeCsv {
    private ExchangeCsv() {
    }

    /** Whether {@code text} ends inside a quoted field: the row goes on on the next line. */
    static boolean endsInsideQuotes(CharSequence text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    /**
     * The fields of one row, unquoted; null when a quote is misplaced (text after a closing quote,
     * or a quote still open at the end).
     */
    static List<String> split(String row) {
        List<String> out = new ArrayList<>(32);
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = row.length();
        while (true) {
            field.setLength(0);
            if (i < n && row.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = row.charAt(i++);
                    if (c == '"') {
                        if (i < n && row.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed || i < n && row.charAt(i) != ',') {
                    return null;
                }
            } else {
                while (i < n && row.charAt(i) != ',') {
                    char c = row.charAt(i++);
                    if (c == '"') {
                        return null;
                    }
                    field.append(c);
                }
            }
            out.add(field.toString());
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    /** The row that {@link #split} reads back as {@code fields}. */
    static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder(256);
        for (int f = 0; f < fields.size(); f++) {
            if (f > 0) {
                sb.append(',');
            }
            String v = fields.get(f) == null ? "" : fields.get(f);
            boolean quote = false;
            for (int i = 0; i < v.length() && !quote; i++) {
                char c = v.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
