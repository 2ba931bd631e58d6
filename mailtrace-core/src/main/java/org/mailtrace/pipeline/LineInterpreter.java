package org.mailtrace.pipeline;

import java.time.ZoneId;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * Frames and parses the lines of one source and puts each line in exactly one bucket of
 * {@link IngestStats}: used, ignored, foreign or malformed.
 */
final class LineInterpreter {
    private final LineFormat format;
    private final SyslogFraming framing;
    private final IngestStats stats;
    private final int maxLineBytes;

    LineInterpreter(LineFormat format, ZoneId zone, YearResolver years, IngestStats stats, int maxLineBytes) {
        this.format = format;
        this.framing = new SyslogFraming(zone, years);
        this.stats = stats;
        this.maxLineBytes = maxLineBytes;
    }

    /** The framed line, or null when it was counted as foreign or malformed already. */
    RawLine frame(String sourceName, SourceLine line) {
        if (line.invalidUtf8()) {
            stats.invalidUtf8++;
        }
        String where = sourceName + ":" + line.lineNumber();
        if (line.truncated()) {
            stats.truncatedLines++;
            stats.malformed("line longer than " + maxLineBytes + " bytes", where, line.text());
            return null;
        }
        Framed framed = framing.frame(line.text(), where);
        if (framed instanceof Framed.Ok ok) {
            return ok.line();
        }
        stats.foreign++;
        return null;
    }

    ParseResult parse(RawLine raw, SourceLine line) {
        ParseResult result;
        try {
            result = format.parse(raw);
        } catch (RuntimeException e) {
            // The format contract says never throw; if one does, count the line rather than lose the run.
            result = new ParseResult.Malformed(format.name() + " parser failed: " + e.getClass().getSimpleName());
        }
        if (!(result instanceof ParseResult.NotMine)) {
            stats.mtaLines++;
        }
        if (result instanceof ParseResult.Parsed) {
            stats.used++;
        } else if (result instanceof ParseResult.Ignored ig) {
            stats.ignored++;
            stats.ignoredByReason.merge(ig.reason(), 1L, Long::sum);
        } else if (result instanceof ParseResult.NotMine) {
            stats.foreign++;
        } else if (result instanceof ParseResult.Malformed m) {
            stats.malformed(m.reason(), raw.source(), line.text());
        }
        return result;
    }
}
