package org.mailtrace.e2e;

/**
 * The {@code log_selector} a run of the real-Exim suite gives its Exim, and what that makes Exim write.
 * The cases ({@link EximCases}) and the instance ({@link EximInstance}) are the same for every
 * selector; only the log lines and what the product can make of them differ. Each selector has its
 * own ports, so a run with one never blocks a run with the other, and its own fixture directory.
 */
enum EximLogSelector {

    /**
     * What the reader is built for ({@code +subject +received_recipients +pid}), plus options many
     * sites turn on (docs/testing-e2e.md, "Log selector").
     */
    RICH("+subject +received_recipients +pid +delivery_size +sender_on_delivery"
            + " +all_parents +outgoing_port +smtp_connection +smtp_incomplete_transaction",
            2625, 2626, "exim-e2e", "e2e-exim", true),

    /**
     * What Debian 12's exim4-config sets when the admin defines no {@code MAIN_LOG_SELECTOR}
     * ({@code conf.d/main/01_exim4-config_listmacrosdefs}): Exim's defaults plus protocol errors and
     * TLS peers. No subject, no recipients on {@code <=} lines, no pid, no sender or size on
     * deliveries, no port of the next hop.
     */
    DEBIAN_DEFAULT("+smtp_protocol_error +smtp_syntax_error +tls_certificate_verified +tls_peerdn",
            2627, 2628, "exim-e2e-default-selector", "e2e-exim-default-selector", false);

    private final String line;
    private final int smtpdPort;
    private final int peerPort;
    private final String fixtureSuite;
    private final String liveDirectoryName;
    private final boolean rich;

    EximLogSelector(String line, int smtpdPort, int peerPort, String fixtureSuite, String liveDirectoryName,
                    boolean rich) {
        this.line = line;
        this.smtpdPort = smtpdPort;
        this.peerPort = peerPort;
        this.fixtureSuite = fixtureSuite;
        this.liveDirectoryName = liveDirectoryName;
        this.rich = rich;
    }

    /** The value of the config's {@code log_selector} option. */
    String line() {
        return line;
    }

    /** Where the daemon listens on 127.0.0.1. */
    int smtpdPort() {
        return smtpdPort;
    }

    /** Where the loopback peer that stands for {@code remote.test} listens. */
    int peerPort() {
        return peerPort;
    }

    /** The fixture directory under {@code mailtrace-core/src/test/resources/golden/}. */
    String fixtureSuite() {
        return fixtureSuite;
    }

    /** Where the live logs of the last run stay, under {@code mailtrace-cli/target/}. */
    String liveDirectoryName() {
        return liveDirectoryName;
    }

    /** {@code +subject}: {@code T="subject"} on {@code <=} lines. */
    boolean subjects() {
        return rich;
    }

    /** {@code +received_recipients}: {@code for a b} at the end of {@code <=} lines. */
    boolean receivedRecipients() {
        return rich;
    }

    /** {@code +pid}: {@code [pid]} after the time on every line. */
    boolean pids() {
        return rich;
    }

    /** {@code +sender_on_delivery}: {@code F=<sender>} on delivery lines. */
    boolean senderOnDelivery() {
        return rich;
    }

    /** {@code +delivery_size}: {@code S=n} on {@code =>} lines. */
    boolean deliverySize() {
        return rich;
    }

    /** {@code +outgoing_port}: {@code [ip]:port} of the next hop on delivery lines. */
    boolean outgoingPort() {
        return rich;
    }
}
