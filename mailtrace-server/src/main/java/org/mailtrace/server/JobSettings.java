package org.mailtrace.server;

import java.time.Duration;

/**
 * The settings of report jobs, their notifications and the live feed (part of {@link ServerConfig}).
 *
 * @param reportConcurrency   reports that run at the same time; more wait in the queue
 * @param reportRetentionDays finished reports (metadata and CSV) are deleted after this many days
 * @param reportMaxRows       a report stops after this many CSV rows and says so; 0 is no cap
 * @param smtpRelay           where report e-mails are handed over (plain SMTP, no authentication), or null: no mail
 * @param smtpFrom            the envelope and header sender of report e-mails
 * @param livePing            how often the live feed sends a keep-alive comment
 */
public record JobSettings(int reportConcurrency, int reportRetentionDays, int reportMaxRows, HostPort smtpRelay,
                          String smtpFrom, Duration livePing) {

    /** Defaults, for tests and embedders. */
    public static JobSettings defaults() {
        return new JobSettings(1, 30, 0, null, "mailtrace@localhost", Duration.ofSeconds(15));
    }

    static String mailFrom(String address) {
        if (address == null || !address.matches("[^\\s<>@\",;:]+@[^\\s<>@\",;:]+")) {
            throw new IllegalArgumentException("smtp-from must be a plain address like mailtrace@example.org, was '" + address + "'");
        }
        return address;
    }
}
