package org.mailtrace.pipeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.format.FormatDetector;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.LogAdvice;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.YearResolver;

/**
 * Frames and parses the lines of one source and puts each line in exactly one bucket of
 * {@link IngestStats}: used, ignored, foreign or malformed.
 *
 * <p>Without a given format it detects one: the first lines are held ({@link #hold}) until
 * {@link FormatDetector#SAMPLE_LINES} arrived or the input paused, then the format that understands
 * them best is chosen and the held lines are handed back to be read with it. While no format
 * claims any line, held lines are handed back as foreign and detection goes on with the next ones.
 */
final class LineInterpreter {
    private final List<LineFormat> candidates;
    private final ZoneId zone;
    private final YearResolver years;
    private final IngestStats stats;
    private final int maxLineBytes;
    private final String sourceName;
    private final String hostName;
    private LineFormat format;
    private LineFraming framing;
    private LogAdvice advice;
    private final List<Held> held = new ArrayList<>();

    /** A line waiting for the format to be chosen, with the position it would record. */
    record Held(String sourceName, String identity, SourceLine line) {
    }

    /**
     * @param format     the format every line is in, or null to detect it among {@code candidates}
     * @param sourceName the source, for the summary's note of the chosen format
     * @param hostName   the host of lines whose log names none, or null to keep
     *                   {@link LineFraming#UNNAMED_HOST}
     */
    LineInterpreter(LineFormat format, List<LineFormat> candidates, String sourceName, ZoneId zone,
                    YearResolver years, IngestStats stats, int maxLineBytes, String hostName) {
        this.hostName = hostName;
        this.candidates = List.copyOf(candidates);
        this.zone = zone;
        this.years = years;
        this.stats = stats;
        this.maxLineBytes = maxLineBytes;
        this.sourceName = sourceName;
        if (format != null) {
            use(format, false);
        }
    }

    private void use(LineFormat chosen, boolean detected) {
        format = chosen;
        framing = chosen.framing(zone, years);
        advice = chosen.advice();
        stats.formatChosen(sourceName, chosen.name(), detected);
    }

    /** How the chosen format's events join into messages; only once {@link #parse} can be called. */
    CorrelationRules rules() {
        return format.rules();
    }

    /** True once lines can be framed: a format was given or detected. */
    boolean decided() {
        return format != null;
    }

    /**
     * Holds {@code line} until the format is chosen. Returns the held lines to read now, in order,
     * once enough arrived; otherwise an empty list.
     */
    List<Held> hold(String name, String identity, SourceLine line) {
        held.add(new Held(name, identity, line));
        return held.size() >= FormatDetector.SAMPLE_LINES ? release() : List.of();
    }

    /**
     * The input paused or ended: chooses from what is held and returns the held lines to read. When
     * no format claims any of them they come back all the same, to be counted as foreign.
     */
    List<Held> release() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(held.size());
        for (Held h : held) {
            if (!h.line().truncated()) {
                texts.add(h.line().text());
            }
        }
        LineFormat chosen = FormatDetector.choose(candidates, texts, zone);
        if (chosen != null) {
            use(chosen, true);
        }
        List<Held> out = List.copyOf(held);
        held.clear();
        return out;
    }

    /** The framed line, or null when it was counted as foreign, malformed or held as part of a split line. */
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
        if (framing == null) {
            stats.foreign++; // no format claims it (detection found none yet)
            return null;
        }
        Framed framed = framing.frame(line.text(), where);
        if (framed instanceof Framed.Ok ok) {
            RawLine raw = ok.line();
            // Identity, not equals: only a line whose log named no host, never a syslog host "localhost".
            return hostName != null && raw.host() == LineFraming.UNNAMED_HOST
                    ? new RawLine(raw.time(), hostName, raw.tag(), raw.pid(), raw.message(), raw.source()) : raw;
        }
        if (framed instanceof Framed.Held) {
            stats.ignored++;
            stats.ignoredByReason.merge("part of a split line, read with its last part", 1L, Long::sum);
            return null;
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
        advice.saw(result);
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

    /** The stream ended: what its log lacks, into the summary. */
    void finish() {
        if (advice != null) {
            for (String a : advice.advice()) {
                stats.advice(sourceName, a);
            }
        }
    }
}
