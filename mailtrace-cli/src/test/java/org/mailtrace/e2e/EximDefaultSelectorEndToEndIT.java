package org.mailtrace.e2e;

/**
 * The real-Exim suite once more, with the log_selector Debian ships ({@link EximLogSelector#DEBIAN_DEFAULT}:
 * no subject, no recipients on {@code <=} lines, no pid), on its own ports, with its fixtures under
 * {@code golden/exim-e2e-default-selector/}. Every case runs, not only those whose lines differ: every
 * one of them has lines the default selector writes differently ({@code <=} without {@code for},
 * deliveries without {@code F=} and {@code S=}, no {@code [pid]}), so every row is at stake.
 *
 * <p>The rows are those of {@link EximEndToEndIT} except where the selector lacks what a row needs
 * ({@code 14-frozen-on-arrival}, see {@link EximCases}); senders, client IPs and Message-IDs stay
 * searchable, rows have no subject, and the ingest summary advises {@code +subject},
 * {@code +received_recipients} and {@code +pid} ({@link EximSelectorPromises}).
 */
class EximDefaultSelectorEndToEndIT extends EximEndToEndIT {

    @Override
    EximLogSelector selector() {
        return EximLogSelector.DEBIAN_DEFAULT;
    }

    @Override
    String server() {
        return "exim-default";
    }
}
