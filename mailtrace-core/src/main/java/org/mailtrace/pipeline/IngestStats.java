package org.mailtrace.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ingest run did with its lines, for the summary: every line lands in exactly one of
 * used, ignored, foreign or malformed, so {@code read == used + ignored + foreign + malformed}.
 * Malformed lines are counted by reason with a few samples kept, so a changed log format is noticed.
 */
public final class IngestStats {
    static final int SAMPLES_PER_REASON = 3;

    long read;
    long used;
    long ignored;
    long foreign;
    long bytes;
    long invalidUtf8;
    long truncatedLines;
    /** Rows per trace written in this run; exact up to {@link #EXACT_TRACE_COUNT_LIMIT} traces. */
    private final RowsByTrace rowsByTrace = new RowsByTrace();
    private long tracesBeyondLimit;
    private long rowsBeyondLimit;
    private boolean approximate;
    static final int EXACT_TRACE_COUNT_LIMIT = 2_000_000;
    long tracesPurged;
    long addressProbes;
    long evictedByCap;
    long eventsCut;
    final Map<String, Long> malformed = new TreeMap<>();
    final Map<String, List<String>> samples = new TreeMap<>();
    final Map<String, Long> ignoredByReason = new TreeMap<>();
    final Map<String, String> sourceNotes = new LinkedHashMap<>();
    /** Lines the format recognised as its own: used, ignored, or malformed by the parser. */
    long mtaLines;
    final Map<String, SourceLines> sourceLines = new LinkedHashMap<>();

    /**
     * What one input read to its end in this run held: {@code lines} read, {@code mtaLines} of them
     * recognised by the log format (used, ignored or malformed by the parser), and whether it was read
     * from its first line (false when resumed from a saved position, i.e. ingested before). Lets the
     * CLI tell "this is not a mail log" (read from the start, lines but none the MTA's) from a log that
     * simply had nothing new.
     */
    public record SourceLines(long lines, long mtaLines, boolean fromStart) {
        SourceLines plus(SourceLines more) {
            return new SourceLines(lines + more.lines, mtaLines + more.mtaLines, fromStart && more.fromStart);
        }
    }

    void sourceRead(String source, long lines, long mta, boolean fromStart) {
        sourceLines.merge(source, new SourceLines(lines, mta, fromStart), SourceLines::plus);
    }

    void written(String traceId, int rows) {
        if (!approximate && rowsByTrace.size() >= EXACT_TRACE_COUNT_LIMIT && !rowsByTrace.contains(traceId)) {
            approximate = true; // stop growing: memory stays bounded; counts become upper bounds
        }
        if (approximate && !rowsByTrace.contains(traceId)) {
            tracesBeyondLimit++;
            rowsBeyondLimit += rows;
        } else {
            rowsByTrace.put(traceId, rows);
        }
    }

    void deleted(String traceId) {
        rowsByTrace.remove(traceId);
    }

    void malformed(String reason, String where, String text) {
        malformed.merge(reason, 1L, Long::sum);
        List<String> list = samples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < SAMPLES_PER_REASON) {
            String cut = text.length() > 300 ? text.substring(0, 300) + "..." : text;
            list.add(where + ": " + cut);
        }
    }

    public long read() { return read; }
    public long used() { return used; }
    public long ignored() { return ignored; }
    public long foreign() { return foreign; }
    public long bytes() { return bytes; }
    public long invalidUtf8() { return invalidUtf8; }
    public long truncatedLines() { return truncatedLines; }
    /** Distinct traces created or updated by this run (an upper bound when {@link #approximate()}). */
    public long tracesWritten() { return rowsByTrace.size() + tracesBeyondLimit; }
    /** Rows of those traces. */
    public long rowsWritten() {
        return rowsByTrace.totalRows() + rowsBeyondLimit;
    }
    /** True when the run wrote more than {@value #EXACT_TRACE_COUNT_LIMIT} traces and counts are upper bounds. */
    public boolean approximate() { return approximate; }
    public long tracesPurged() { return tracesPurged; }
    /** Address-verification probes read in this run: Postfix's own test deliveries, not mail, so no rows. */
    public long addressProbes() { return addressProbes; }
    /**
     * Messages this run moved out of memory early, as partial traces, because the correlator's caps
     * (open messages, lines per message) were reached: a flood of messages that never end, or a
     * state restored with smaller caps.
     */
    public long evictedByCap() { return evictedByCap; }
    /** Lines of this run with a text (subject, reply, the line) cut to the correlator's field cap. */
    public long eventsCut() { return eventsCut; }

    public long malformedTotal() {
        return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Malformed line counts by reason, sorted by reason. */
    public Map<String, Long> malformed() { return Map.copyOf(malformed); }

    /** Up to {@value #SAMPLES_PER_REASON} sample lines per malformed reason, as {@code file:line: text}. */
    public Map<String, List<String>> samples() { return Map.copyOf(samples); }

    /** Counts of lines that were the MTA's but carried nothing for a trace, by reason. */
    public Map<String, Long> ignoredByReason() { return Map.copyOf(ignoredByReason); }

    /** Lines the log format recognised as its own (used + ignored + malformed by the parser). */
    public long mtaLines() { return mtaLines; }

    /**
     * Per input read to its end (files before the followed one, and standard input), in the order
     * read; a followed file is not in it. See {@link SourceLines}.
     */
    public Map<String, SourceLines> sourceLines() { return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceLines)); }

    /** Per source, what happened to it (read from the start, resumed at line N, already complete...). */
    public Map<String, String> sourceNotes() { return Map.copyOf(sourceNotes); }

    /** The log format each source was read as: "exim (detected)" or "postfix". */
    final Map<String, String> formats = new LinkedHashMap<>();
    /** Per source, what its log lacks that the console would show, and the MTA setting that adds it. */
    final Map<String, List<String>> advice = new LinkedHashMap<>();

    void formatChosen(String source, String format, boolean detected) {
        formats.put(source, detected ? format + " (detected)" : format);
    }

    void advice(String source, String text) {
        List<String> list = advice.computeIfAbsent(source, k -> new ArrayList<>());
        if (!list.contains(text)) {
            list.add(text);
        }
    }

    /** The log format each source was read as, in reading order; "(detected)" when chosen from its first lines. */
    public Map<String, String> formats() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formats));
    }

    /** Per source, what its log lacks that the console would show, with the MTA setting that adds it. */
    public Map<String, List<String>> advice() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(advice));
    }
}
