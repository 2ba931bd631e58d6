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
 */
public record CorrelationSettings(Set<String> acceptedDomains, List<String> trustedNetworks, Duration idleLimit) {

    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofDays(5).plusHours(12);

    public CorrelationSettings {
        acceptedDomains = acceptedDomains == null ? Set.of() : Set.copyOf(acceptedDomains);
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
        idleLimit = idleLimit == null ? DEFAULT_IDLE_LIMIT : idleLimit;
        for (String n : trustedNetworks) {
            Cidr.parse(n); // fail at configuration time, naming the bad network
        }
    }

    /** No accepted domains (infer them), loopback trusted, idle limit 5 days 12 hours. */
    public static CorrelationSettings defaults() {
        return new CorrelationSettings(Set.of(), List.of(), DEFAULT_IDLE_LIMIT);
    }
}
