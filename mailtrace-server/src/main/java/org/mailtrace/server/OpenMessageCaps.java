package org.mailtrace.server;

import java.time.Duration;

import org.mailtrace.correlate.CorrelationSettings;

/**
 * How much live ingest's correlator may hold in memory (part of {@link ServerConfig}): syslog
 * senders are not authenticated, so lines that open messages and never end them must not be able
 * to fill the heap. See {@link CorrelationSettings} for what each cap does when it is reached.
 *
 * @param maxOpenMessages    messages held in memory at once; the one opened first leaves as a partial trace
 * @param maxOpenMegabytes   the estimated heap those messages may take, in MiB; likewise past it
 * @param maxFieldChars      the longest text (subject, reply, line) kept; longer ones are cut and say so
 * @param maxLinesPerMessage lines one message may gather in memory before it leaves as a partial trace
 * @param retryWindow        how long a temporarily refused attempt waits in memory, Pending, for the
 *                           client's retry before it counts as Failed (see {@link CorrelationSettings})
 */
public record OpenMessageCaps(int maxOpenMessages, int maxOpenMegabytes, int maxFieldChars, int maxLinesPerMessage,
                              Duration retryWindow) {

    /** The documented defaults, for tests and embedders. */
    public static OpenMessageCaps defaults() {
        return new OpenMessageCaps(CorrelationSettings.DEFAULT_MAX_OPEN_MESSAGES,
                (int) (CorrelationSettings.DEFAULT_MAX_OPEN_BYTES >> 20), CorrelationSettings.DEFAULT_MAX_FIELD_CHARS, CorrelationSettings.DEFAULT_MAX_FACTS_PER_MESSAGE,
                CorrelationSettings.DEFAULT_RETRY_WINDOW);
    }

    /** {@code settings} with these caps. */
    public CorrelationSettings applyTo(CorrelationSettings settings) {
        return new CorrelationSettings(settings.acceptedDomains(), settings.trustedNetworks(), settings.idleLimit(),
                retryWindow).withCaps(maxOpenMessages, (long) maxOpenMegabytes << 20, maxFieldChars, maxLinesPerMessage);
    }
}
