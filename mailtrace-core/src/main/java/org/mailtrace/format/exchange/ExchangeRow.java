package org.mailtrace.format.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One message tracking row with its fields by name: what {@link ExchangeFraming} hands the parser
 * as the line's message, in the canonical order of {@link ExchangeField} ({@link #canonical}), so the
 * parser needs no per-file header. Empty fields read as null.
 */
final class ExchangeRow {
    private static final int FIELDS = ExchangeField.values().length;
    private final String[] values;

    private ExchangeRow(String[] values) {
        this.values = values;
    }

    /** A row from the canonical text, or null when it is not one. */
    static ExchangeRow ofCanonical(String text) {
        List<String> fields = text == null ? null : ExchangeCsv.split(text);
        if (fields == null || fields.size() != FIELDS) {
            return null;
        }
        return new ExchangeRow(fields.toArray(new String[0]));
    }

    /** The canonical text of a row whose field {@code i} of the file is {@code columns[i]}, read through {@code layout}. */
    static String canonical(List<String> fileFields, ExchangeField[] layout) {
        String[] out = new String[FIELDS];
        Arrays.fill(out, "");
        for (int i = 0; i < layout.length && i < fileFields.size(); i++) {
            if (layout[i] != null) {
                out[layout[i].ordinal()] = fileFields.get(i);
            }
        }
        return ExchangeCsv.join(Arrays.asList(out));
    }

    /** The field's value, trimmed, or null when empty. */
    String get(ExchangeField f) {
        String v = values[f.ordinal()];
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    /** The field in upper case ({@code event-id}, {@code source}), or "" when empty. */
    String upper(ExchangeField f) {
        String v = get(f);
        return v == null ? "" : v.toUpperCase(Locale.ROOT);
    }

    /** The {@code ;}-separated values of a multi-valued field, without empty ones. */
    List<String> list(ExchangeField f) {
        String v = get(f);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The recipients, in order. */
    List<String> recipients() {
        return list(ExchangeField.RECIPIENT_ADDRESS);
    }

    /**
     * The status of the {@code i}th recipient: {@code recipient-status} is parallel to
     * {@code recipient-address}. A status may itself contain {@code ;}
     * ({@code 550 4.4.7 QUEUE.Expired;message expired}): a part that does not start like a status (an
     * SMTP code, {@code To}, {@code Cc}, {@code Bcc}) continues the one before. A single status for
     * several recipients applies to each; null when there is none.
     */
    String statusOf(int i, int recipients) {
        String v = get(ExchangeField.RECIPIENT_STATUS);
        if (v == null) {
            return null;
        }
        List<String> statuses = new ArrayList<>();
        for (String part : v.split(";", -1)) {
            String s = part.strip();
            if (statuses.isEmpty() || startsStatus(s)) {
                statuses.add(s);
            } else {
                int last = statuses.size() - 1;
                statuses.set(last, statuses.get(last) + ";" + part);
            }
        }
        if (statuses.size() == 1) {
            return statuses.get(0);
        }
        return i < statuses.size() ? statuses.get(i) : null;
    }

    private static boolean startsStatus(String s) {
        if (s.length() >= 3 && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(1))
                && Character.isDigit(s.charAt(2)) && (s.length() == 3 || s.charAt(3) == ' ')) {
            return true;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("to") || l.equals("cc") || l.equals("bcc");
    }

    /** A whole number field, or -1. */
    long number(ExchangeField f) {
        String v = get(f);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
