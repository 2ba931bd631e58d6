package org.mailtrace.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.FileLineSource;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.YearResolver;

/**
 * Runs one log file through its format's framing and parser and the correlator, without a store, and
 * returns the final traces (later versions replace earlier ones, deleted ones removed), ordered by
 * received time then trace ID: what a golden file holds.
 */
final class GoldenRun {
    /** Lines the format did not want, by bucket, for the "every line understood" check. */
    final Map<String, List<String>> unused = new LinkedHashMap<>();
    final List<MessageTrace> traces = new ArrayList<>();

    static GoldenRun of(Path log, int year, ZoneId zone, CorrelationSettings settings) throws IOException {
        return of(log, "postfix", year, zone, settings, java.util.function.UnaryOperator.identity());
    }

    /** With {@code fill} applied to every line first (public samples kept as templates, e.g. {@code %(day)s}). */
    static GoldenRun of(Path log, String formatName, int year, ZoneId zone, CorrelationSettings settings,
                        java.util.function.UnaryOperator<String> fill) throws IOException {
        GoldenRun run = new GoldenRun();
        LineFormat format = Formats.byName(formatName);
        Correlator correlator = new Correlator(settings, Formats.allRules());
        Map<String, MessageTrace> byId = new LinkedHashMap<>();
        List<Path> files;
        if (Files.isDirectory(log)) {
            try (var walk = Files.walk(log)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(log);
        }
        for (Path file : files) {
            String name = Files.isDirectory(log) ? log.relativize(file).toString() : log.getFileName().toString();
            run.read(file, name, format, format.framing(zone, YearResolver.startingIn(year)), correlator, byId, fill);
        }
        TraceChanges changes = correlator.drainChanges();
        changes.upserted().forEach(t -> byId.put(t.messageTraceId(), t));
        changes.deleted().forEach(byId::remove);
        run.traces.addAll(byId.values());
        run.traces.sort(Comparator.comparing(MessageTrace::received).thenComparing(MessageTrace::messageTraceId));
        return run;
    }

    private void read(Path log, String name, LineFormat format, LineFraming framing, Correlator correlator,
                      Map<String, MessageTrace> byId, java.util.function.UnaryOperator<String> fill) throws IOException {
        GoldenRun run = this;
        try (FileLineSource src = FileLineSource.open(log, 0, 0, 4 << 20)) {
            SourceLine line;
            while ((line = src.next()) != null) {
                String where = name + ":" + line.lineNumber();
                Framed framed = framing.frame(fill.apply(line.text()), where);
                if (framed instanceof Framed.Held) {
                    continue; // the first part of a split line: read with its last part
                }
                if (!(framed instanceof Framed.Ok ok)) {
                    run.unused.computeIfAbsent("not syslog", k -> new ArrayList<>()).add(where + ": " + line.text());
                    continue;
                }
                ParseResult r = format.parse(ok.line());
                if (r instanceof ParseResult.Parsed p) {
                    p.events().forEach(e -> correlator.accept(e, format.rules()));
                } else if (r instanceof ParseResult.Malformed m) {
                    run.unused.computeIfAbsent("malformed: " + m.reason(), k -> new ArrayList<>()).add(where + ": " + line.text());
                } else if (r instanceof ParseResult.NotMine) {
                    run.unused.computeIfAbsent("foreign", k -> new ArrayList<>()).add(where + ": " + line.text());
                }
                TraceChanges changes = correlator.drainChanges();
                changes.upserted().forEach(t -> byId.put(t.messageTraceId(), t));
                changes.deleted().forEach(byId::remove);
            }
        }
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
