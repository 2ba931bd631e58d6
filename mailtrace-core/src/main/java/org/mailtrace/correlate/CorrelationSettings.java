package org.mailtrace.correlate;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the correlator needs to know about "us".
 *
 * @param acceptedDomains domains we receive mail for (subdomains included, case-insensitive); when
 *                        empty they are inferred from mailbox deliveries and unknown-user rejects
 * @param trustedNetworks CIDR networks whose clients are "us"; when empty, loopback only
 * @param idleLimit       how long (in log time) a message may stay open without a new line before
 *                        it is dropped from memory with the status it has; Postfix's default
 *                        maximal_queue_lifetime is 5 days, so the default leaves half a day more
 * @param retryWindow     how long (in log time) a temporarily refused attempt (greylisting, 4xx) stays
 *                        Pending waiting for the client's retry before it counts as Failed; greylisting
 *                        clients retry within minutes to hours, and the common greylist databases forget
 *                        an unretried triplet after a day or two
 * @param maxOpenMessages how many messages (traces) may be held in memory at once; when a new one
 *                        would pass it, the one opened first leaves memory as a partial trace with
 *                        the status it has (counted as evicted by the cap). Syslog senders are not
 *                        authenticated, so without it lines that open messages and never end them
 *                        would grow the heap without limit
 * @param maxOpenBytes    the heap the messages in memory may take, as estimated by
 *                        {@link CorrelationState#factBytes}; past it the ones opened first leave as
 *                        partial traces, like past {@code maxOpenMessages}. The count alone is no bound:
 *                        a message may hold many lines, each with texts up to {@code maxFieldChars}
 * @param maxFieldChars   the longest text (a subject, an SMTP reply, a line) a fact keeps; a longer
 *                        one keeps its start and ends with {@link FieldCaps#MARKER_START}, so the
 *                        event says it was cut
 * @param maxFactsPerMessage how many lines one message may gather in memory; past it the message
 *                        leaves memory as a partial trace (evicted by the cap) and its later lines
 *                        open a new one, so one queue ID fed without end cannot fill the heap either
 */
public record CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit,
                                  Duration retryWindow, int maxOpenMessages, long maxOpenBytes, int maxFieldChars,
                                  int maxFactsPerMessage) {

    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofDays(5).plusHours(12);
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofDays(1);
    /**
     * 50,000 ordinary open messages measure ~270 MiB of heap (docs/benchmark.md, "Open-message caps"),
     * within the 1 GB heap docs/install.md suggests; hostile ones with long texts meet
     * {@link #DEFAULT_MAX_OPEN_BYTES} first.
     */
    public static final int DEFAULT_MAX_OPEN_MESSAGES = 50_000;
    /**
     * 256 MiB: a quarter of the 1 GB heap docs/install.md suggests. Measured: ~5.5 KB per ordinary
     * open message (so the 50,000 messages fit in it), ~14.5 KB per hostile one with every text at the
     * field cap (~18,000 of them fit); docs/benchmark.md, "Open-message caps".
     */
    public static final long DEFAULT_MAX_OPEN_BYTES = 256L << 20;
    /** The longest line of the Postfix samples we test against is 2,043 characters: 4 KB keeps real subjects and replies whole. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 4096;
    /** A message to 10,000 recipients logs ~10,000 delivery lines: larger ones are split into partial traces. */
    public static final int DEFAULT_MAX_FACTS_PER_MESSAGE = 20_000;
    /** The smallest field cap: the marker that says a field was cut must fit with some text before it. */
    public static final int MIN_FIELD_CHARS = 256;

    public CorrelationSettings {
        acceptedDomains = acceptedDomains == null ? Set.of() : Set.copyOf(acceptedDomains);
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
        idleLimit = idleLimit == null ? DEFAULT_IDLE_LIMIT : idleLimit;
        retryWindow = retryWindow == null ? DEFAULT_RETRY_WINDOW : retryWindow;
        if (retryWindow.isNegative() || retryWindow.isZero()) {
            throw new IllegalArgumentException("retry window must be positive, got " + retryWindow);
        }
        if (maxOpenMessages < 1) {
            throw new IllegalArgumentException("max open messages (max-open-messages) must be at least 1, got " + maxOpenMessages);
        }
        if (maxOpenBytes < 1 << 20) {
            throw new IllegalArgumentException("max open bytes (max-open-memory-mb) must be at least 1 MiB, got " + maxOpenBytes);
        }
        if (maxFieldChars < MIN_FIELD_CHARS) {
            throw new IllegalArgumentException("max field chars (max-field-chars) must be at least " + MIN_FIELD_CHARS + ", got " + maxFieldChars);
        }
        if (maxFactsPerMessage < 10) {
            throw new IllegalArgumentException("max lines per message (max-lines-per-message) must be at least 10, got " + maxFactsPerMessage);
        }
        for (String n : trustedNetworks) {
            Cidr.parse(n); // fail at configuration time, naming the bad network
        }
    }

    /** With the default caps on open messages, field length and lines per message. */
    public CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit,
                               Duration retryWindow) {
        this(acceptedDomains, trustedNetworks, idleLimit, retryWindow, DEFAULT_MAX_OPEN_MESSAGES,
                DEFAULT_MAX_OPEN_BYTES, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_FACTS_PER_MESSAGE);
    }

    /** These settings with other caps on what the correlator holds in memory. */
    public CorrelationSettings withCaps(int maxOpenMessages, long maxOpenBytes, int maxFieldChars,
                                        int maxFactsPerMessage) {
        return new CorrelationSettings(acceptedDomains, trustedNetworks, idleLimit, retryWindow, maxOpenMessages,
                maxOpenBytes, maxFieldChars, maxFactsPerMessage);
    }

    /** With the default retry window (1 day). */
    public CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit) {
        this(acceptedDomains, trustedNetworks, idleLimit, DEFAULT_RETRY_WINDOW);
    }

    /** No accepted domains (infer them), loopback trusted, idle limit 5 days 12 hours, retry window 1 day, default caps. */
    public static CorrelationSettings defaults() {
        return new CorrelationSettings(Set.of(), List.of(), DEFAULT_IDLE_LIMIT, DEFAULT_RETRY_WINDOW);
    }
}
