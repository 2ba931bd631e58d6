package org.mailtrace.pipeline;

import java.time.Duration;
import java.time.ZoneId;
import org.mailtrace.correlate.CorrelationSettings;

/**
 * How to read and correlate.
 *
 * @param format          the log format name ("postfix")
 * @param year            the year of the first line for year-less timestamps, or null to infer it
 *                        from the file's modification time
 * @param zone            the zone of timestamps that carry none
 * @param correlation     accepted domains, trusted networks, idle limit
 * @param commitEveryLines commit traces and the checkpoint after this many lines (and at the end of each source)
 * @param maxLineBytes    lines longer than this are cut and counted
 * @param retention       traces older than this (measured from the newest log time known: the newest
 *                        line read or trace stored, never later than the clock) are purged; null or
 *                        zero keeps everything
 * @param hostName        the host of lines whose log names none (an Exim main log), or null for
 *                        {@link org.mailtrace.source.LineFraming#UNNAMED_HOST}
 */
public record IngestSettings(String format, Integer year, ZoneId zone, CorrelationSettings correlation,
                             int commitEveryLines, int maxLineBytes, Duration retention, String hostName) {

    /** Settings for logs that name their hosts (or whose unnamed host stays {@code localhost}). */
    public IngestSettings(String format, Integer year, ZoneId zone, CorrelationSettings correlation,
                          int commitEveryLines, int maxLineBytes, Duration retention) {
        this(format, year, zone, correlation, commitEveryLines, maxLineBytes, retention, null);
    }

    public static final int DEFAULT_COMMIT_EVERY_LINES = 100_000;
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;
}
