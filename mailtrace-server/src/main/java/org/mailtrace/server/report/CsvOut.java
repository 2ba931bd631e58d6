package org.mailtrace.server.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV (RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled) and
 * enforces the row cap: {@link #row} answers false, without writing, once the cap is reached.
 * Fields starting with {@code = + - @} are prefixed with a quote so spreadsheets do not run
 * formulas from log data (subjects are attacker-controlled).
 */
final class CsvOut {
    private final Writer out;
    private final long cap;
    private long rows;
    private boolean capped;

    CsvOut(Writer out, long cap) {
        this.out = out;
        this.cap = cap;
    }

    void header(List<String> names) {
        write(names);
    }

    /** Writes one data row; false (and nothing written) when the cap is reached. */
    boolean row(List<String> fields) {
        if (cap > 0 && rows >= cap) {
            capped = true;
            return false;
        }
        write(fields);
        rows++;
        return true;
    }

    long rows() {
        return rows;
    }

    boolean capped() {
        return capped;
    }

    void comment(String text) {
        try {
            out.write("# " + text + "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(escape(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        String s = "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
