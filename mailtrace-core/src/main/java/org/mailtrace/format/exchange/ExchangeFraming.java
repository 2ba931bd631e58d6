package org.mailtrace.format.exchange;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.mailtrace.source.Framed;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;

/**
 * Frames the rows of an Exchange message tracking log ({@code MSGTRK*.LOG}) into {@link RawLine}s.
 *
 * <ul>
 *   <li>A byte-order mark before the first line is dropped.</li>
 *   <li>Header lines ({@code #Software}, {@code #Version}, {@code #Log-type}, {@code #Date},
 *       {@code #Fields:}) are framed with tag {@link #HEADER} for the parser to count and skip;
 *       {@code #Fields:} sets where each field is in the rows that follow ({@link ExchangeField}), so
 *       columns are never read by position. A file read from the middle (ingest resuming it) has
 *       no header: its rows are read in the documented order until a {@code #Fields:} line comes.</li>
 *   <li>A row is CSV; a row whose quoted field holds a line break goes on on the next line(s): it is
 *       {@link Framed#HELD} until complete (at most {@link #MAX_CONTINUATION_LINES} lines). A line that
 *       begins like a row (a date-time) or a header ends the wait: the quote before was never closed,
 *       and that row's lines stay counted as held parts of a split line.</li>
 *   <li>The row is handed on in the canonical field order ({@link ExchangeRow}) with the time of its
 *       {@code date-time}, the server that wrote it as host, and a tag naming the service whose log it
 *       is: {@code exchange} (Transport, {@code MSGTRK}), {@code exchange-ms} (Mailbox Transport
 *       Submission, {@code MSGTRKMS}), {@code exchange-md} (Delivery, {@code MSGTRKMD}),
 *       {@code exchange-ma} (moderation, {@code MSGTRKMA}), from the file name in the source.</li>
 *   <li>A row that cannot be read (bad quoting, a field count other than the header's, no date) is
 *       framed with tag {@link #MALFORMED} and the reason as its message, for the parser to count.</li>
 * </ul>
 *
 * <p>The file names no server (admins copy each server's folder): the writing server is the local
 * end of the first row that names it ({@code server-hostname} of a RECEIVE or DELIVER, the
 * {@code client-hostname} of a SEND), kept for the rest of the file and forgotten at the next header.
 * Never throws on input. Not thread-safe: one per stream.
 */
public final class ExchangeFraming implements LineFraming {
    static final String TAG = "exchange";
    static final String HEADER = "exchange/header";
    static final String MALFORMED = "exchange/malformed";
    /** Lines one row may span through quoted line breaks before it counts as malformed. */
    static final int MAX_CONTINUATION_LINES = 50;
    /** The host of rows written before any row named the server. */
    static final String UNKNOWN_SERVER = "exchange";

    /** The documented order: the layout of rows before any {@code #Fields:} line. */
    private static final ExchangeField[] DOCUMENTED = ExchangeField.values();

    private ExchangeField[] layout = DOCUMENTED;
    private int headerFields = -1;
    private String server;
    private Instant lastTime;
    private StringBuilder pending;
    private String pendingSource;
    private int pendingLines;

    @Override
    public Framed frame(String text, String source) {
        if (text == null) {
            return Framed.notSyslog("empty line");
        }
        String s = text;
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        if (pending != null && startsRow(s)) {
            // The quote before never closed: that row was broken (it was counted as a held part), this one is new.
            pending = null;
        }
        if (pending != null) {
            pending.append('\n').append(s);
            pendingLines++;
            if (ExchangeCsv.endsInsideQuotes(pending)) {
                if (pendingLines >= MAX_CONTINUATION_LINES) {
                    String where = pendingSource;
                    pending = null;
                    return malformed("quoted field not closed within " + MAX_CONTINUATION_LINES + " lines", where);
                }
                return Framed.HELD;
            }
            String row = pending.toString();
            String where = pendingSource;
            pending = null;
            return row(row, where);
        }
        if (s.isBlank()) {
            return Framed.notSyslog("empty line");
        }
        if (s.charAt(0) == '#') {
            return isHeader(s) ? header(s, source) : Framed.notSyslog("not a message tracking header");
        }
        if (headerFields < 0 && !startsRow(s)) {
            // Without a header only a row in the documented layout is ours: any other text is another program's.
            return Framed.notSyslog("not a message tracking row");
        }
        if (ExchangeCsv.endsInsideQuotes(s)) {
            pending = new StringBuilder(s);
            pendingSource = source;
            pendingLines = 1;
            return Framed.HELD;
        }
        return row(s, source);
    }

    /** A header line, or a line that begins with a date-time as every row does: not the rest of a quoted field. */
    private static boolean startsRow(String s) {
        if (s.startsWith("#")) {
            return true;
        }
        return s.length() >= 11 && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(3))
                && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T';
    }

    /** The header lines Exchange writes at the top of every file. */
    private static boolean isHeader(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("#software:") || l.startsWith("#version:") || l.startsWith("#log-type:")
                || l.startsWith("#date:") || l.startsWith("#fields:");
    }

    private Framed header(String s, String source) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("#software:")) {
            server = null; // a new file begins: its server is learned anew
            layout = DOCUMENTED;
            headerFields = -1;
        } else if (lower.startsWith("#date:")) {
            Instant t = instant(s.substring(6).strip());
            if (t != null) {
                lastTime = t;
            }
        } else if (lower.startsWith("#fields:")) {
            String[] names = s.substring(8).split(",");
            ExchangeField[] l = new ExchangeField[names.length];
            for (int i = 0; i < names.length; i++) {
                l[i] = ExchangeField.byHeaderName(names[i].strip());
            }
            layout = l;
            headerFields = names.length;
        }
        return Framed.ok(new RawLine(lastTime == null ? Instant.EPOCH : lastTime, hostOrUnknown(), HEADER, -1, s,
                source));
    }

    private Framed row(String row, String source) {
        List<String> fields = ExchangeCsv.split(row);
        if (fields == null) {
            return malformed("misplaced quote in a CSV row", source);
        }
        if (headerFields >= 0 && fields.size() != headerFields) {
            return malformed("row has " + fields.size() + " fields, the #Fields: header names " + headerFields, source);
        }
        if (headerFields < 0 && fields.size() != DOCUMENTED.length) {
            return Framed.notSyslog("not a message tracking row"); // no header says it is one
        }
        String date = null;
        String local = null;
        String event = null;
        String sourceField = null;
        String clientHost = null;
        String serverHost = null;
        for (int i = 0; i < layout.length && i < fields.size(); i++) {
            if (layout[i] == null) {
                continue;
            }
            String v = fields.get(i).strip();
            switch (layout[i]) {
                case DATE_TIME -> date = v;
                case EVENT_ID -> event = v.toUpperCase(Locale.ROOT);
                case SOURCE -> sourceField = v.toUpperCase(Locale.ROOT);
                case CLIENT_HOSTNAME -> clientHost = v;
                case SERVER_HOSTNAME -> serverHost = v;
                default -> { }
            }
        }
        Instant time = date == null ? null : instant(date);
        if (time == null) {
            return malformed("row without a readable date-time", source);
        }
        lastTime = time;
        if (event != null) {
            local = localEnd(event, sourceField, clientHost, serverHost);
        }
        if (server == null && local != null && !local.isEmpty()) {
            server = local.toLowerCase(Locale.ROOT);
        }
        return Framed.ok(new RawLine(time, hostOrUnknown(), tagOf(source), -1, ExchangeRow.canonical(fields, layout),
                source));
    }

    /** The end of the row that is the writing server: the client of an outgoing SMTP event, else the server. */
    private static String localEnd(String event, String source, String clientHost, String serverHost) {
        boolean outgoing = event.equals("SEND") || event.equals("SENDEXTERNAL") || event.equals("HAREDIRECT")
                || event.equals("HAREDIRECTFAIL");
        if (outgoing) {
            return "SMTP".equals(source) || source == null || source.isEmpty() ? clientHost : null;
        }
        return serverHost;
    }

    private String hostOrUnknown() {
        return server == null ? UNKNOWN_SERVER : server;
    }

    private Framed malformed(String reason, String source) {
        return Framed.ok(new RawLine(lastTime == null ? Instant.EPOCH : lastTime, hostOrUnknown(), MALFORMED, -1,
                reason, source));
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC); // the log is UTC
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    /** The service's tag from the log's file name in {@code source} ({@code .../MSGTRKMS2026120310-1.LOG:12}). */
    static String tagOf(String source) {
        if (source == null) {
            return TAG;
        }
        int colon = source.lastIndexOf(':');
        String path = colon > 0 ? source.substring(0, colon) : source;
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1).toUpperCase(Locale.ROOT);
        if (name.startsWith("MSGTRKMS")) {
            return TAG + "-ms";
        }
        if (name.startsWith("MSGTRKMD")) {
            return TAG + "-md";
        }
        if (name.startsWith("MSGTRKMA")) {
            return TAG + "-ma";
        }
        return TAG;
    }
}
