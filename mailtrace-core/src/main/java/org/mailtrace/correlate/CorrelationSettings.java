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
 */
public record CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit,
                                  Duration retryWindow) {

    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofDays(5).plusHours(12);
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofDays(1);

    public CorrelationSettings {
        acceptedDomains = acceptedDomains == null ? Set.of() : Set.copyOf(acceptedDomains);
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
        idleLimit = idleLimit == null ? DEFAULT_IDLE_LIMIT : idleLimit;
        retryWindow = retryWindow == null ? DEFAULT_RETRY_WINDOW : retryWindow;
        if (retryWindow.isNegative() || retryWindow.isZero()) {
            throw new IllegalArgumentException("retry window must be positive, got " + retryWindow);
        }
        for (String n : trustedNetworks) {
            Cidr.parse(n); // fail at configuration time, naming the bad network
        }
    }

    /** With the default retry window (1 day). */
    public CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit) {
        this(acceptedDomains, trustedNetworks, idleLimit, DEFAULT_RETRY_WINDOW);
    }

    /** No accepted domains (infer them), loopback trusted, idle limit 5 days 12 hours, retry window 1 day. */
    public static CorrelationSettings defaults() {
        return new CorrelationSettings(Set.of(), List.of(), DEFAULT_IDLE_LIMIT, DEFAULT_RETRY_WINDOW);
    }
}
