package org.mailtrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mailtrace.json.TraceJson;
import org.mailtrace.pipeline.IngestStats;

/** The end-of-ingest report: what was read, what was used, what was skipped and why. */
final class IngestSummary {
    /**
     * lines/s is shown only from this many lines on: below it, the run time is mostly opening the
     * store and warming up the JVM, and a 500-line file would report a few hundred lines/s.
     */
    static final long RATE_MIN_LINES = 50_000;
    static final String RATE_MIN_LINES_TEXT = "50,000";

    private IngestSummary() {
    }

    /**
     * One line per input that was read from its start and had lines, none of which the format
     * recognised ({@code /bin/ls: no Postfix log lines in 509 lines; is this a mail log?}).
     *
     * @return true when no input is known to be a mail log: none had a line of the format, and none
     *     was resumed from an earlier run (at least one was then reported here)
     */
    static boolean reportNotMailLogs(PrintWriter err, IngestStats s, String formatName) {
        boolean anyMailLog = false;
        boolean anyReported = false;
        for (Map.Entry<String, IngestStats.SourceLines> e : s.sourceLines().entrySet()) {
            IngestStats.SourceLines in = e.getValue();
            if (in.mtaLines() > 0 || !in.fromStart()) {
                anyMailLog = true;
            } else if (in.lines() > 0) {
                anyReported = true;
                err.printf("%s: no %s log lines in %,d line%s; is this a mail log?%n", e.getKey(), formatName,
                        in.lines(), in.lines() == 1 ? "" : "s");
            }
        }
        return anyReported && !anyMailLog;
    }

    static void write(PrintWriter out, IngestStats s, Duration took, boolean json) throws Exception {
        double secs = Math.max(0.001, took.toMillis() / 1000.0);
        if (json) {
            ObjectNode o = TraceJson.mapper().createObjectNode();
            o.put("linesRead", s.read());
            o.put("used", s.used());
            o.put("ignored", s.ignored());
            o.put("foreign", s.foreign());
            o.put("malformed", s.malformedTotal());
            o.set("malformedByReason", TraceJson.mapper().valueToTree(s.malformed()));
            o.set("malformedSamples", TraceJson.mapper().valueToTree(s.samples()));
            o.set("ignoredByReason", TraceJson.mapper().valueToTree(s.ignoredByReason()));
            o.put("invalidUtf8Lines", s.invalidUtf8());
            o.put("traces", s.tracesWritten());
            o.put("rows", s.rowsWritten());
            o.put("countsApproximate", s.approximate());
            o.put("tracesPurged", s.tracesPurged());
            o.put("addressProbes", s.addressProbes());
            o.put("evictedByCap", s.evictedByCap());
            o.put("linesCut", s.eventsCut());
            o.set("sources", TraceJson.mapper().valueToTree(s.sourceNotes()));
            o.set("formats", TraceJson.mapper().valueToTree(s.formats()));
            o.set("advice", TraceJson.mapper().valueToTree(s.advice()));
            o.put("seconds", secs);
            out.println(TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
            return;
        }
        for (Map.Entry<String, String> e : s.sourceNotes().entrySet()) {
            out.println(e.getKey() + ": " + e.getValue());
        }
        for (Map.Entry<String, String> e : s.formats().entrySet()) {
            if (e.getValue().endsWith("(detected)")) {
                out.println(e.getKey() + ": read as " + e.getValue().replace("(detected)", "(detected from its first lines)"));
            }
        }
        for (Map.Entry<String, List<String>> e : s.advice().entrySet()) {
            for (String a : e.getValue()) {
                out.println(e.getKey() + ": " + a);
            }
        }
        if (s.read() >= RATE_MIN_LINES) {
            out.printf("lines read   %,12d   (%,.0f lines/s, %.1f s)%n", s.read(), s.read() / secs, secs);
        } else {
            out.printf("lines read   %,12d   (%.1f s)%n", s.read(), secs);
        }
        out.printf("  used       %,12d%n", s.used());
        out.printf("  ignored    %,12d   (MTA lines without trace data)%n", s.ignored());
        out.printf("  foreign    %,12d   (other programs, or not syslog)%n", s.foreign());
        out.printf("  malformed  %,12d%n", s.malformedTotal());
        for (Map.Entry<String, Long> e : s.malformed().entrySet()) {
            out.printf("    %,10d  %s%n", e.getValue(), e.getKey());
            List<String> samples = s.samples().get(e.getKey());
            if (samples != null) {
                for (String sample : samples) {
                    out.println("                e.g. " + sample);
                }
            }
        }
        if (s.invalidUtf8() > 0) {
            out.printf("  (%,d lines had invalid UTF-8, replaced with U+FFFD)%n", s.invalidUtf8());
        }
        out.printf("traces       %,12d%s%n", s.tracesWritten(), s.approximate() ? "   (upper bound)" : "");
        out.printf("rows         %,12d%n", s.rowsWritten());
        if (s.addressProbes() > 0) {
            out.printf("address probes %,10d   (not mail, no rows)%n", s.addressProbes());
        }
        if (s.evictedByCap() > 0) {
            out.printf("evicted      %,12d   messages left memory early as partial traces: the cap on open messages"
                    + ", on their memory or on lines per message was reached (see docs/security.md)%n", s.evictedByCap());
        }
        if (s.eventsCut() > 0) {
            out.printf("cut          %,12d   lines with a text longer than the field cap, kept cut%n", s.eventsCut());
        }
        if (s.tracesPurged() > 0) {
            out.printf("purged       %,12d   traces older than the retention period%n", s.tracesPurged());
        }
    }
}
