package org.mailtrace.server;

import java.time.Duration;
import java.util.List;
import org.mailtrace.correlate.Cidr;

/**
 * How far {@code serve} trusts the network (part of {@link ServerConfig}): limits on what peers
 * may hold open, and which internal addresses report webhooks may still reach.
 *
 * @param syslogMaxConnections TCP/TLS syslog connections open at once per listener; more are closed on accept
 * @param syslogIdleTimeout    a TCP/TLS syslog connection silent this long is closed
 * @param headerTimeout        an HTTP request whose headers are not complete this long after they began is cut off
 * @param webhookAllow         networks that webhooks may reach although they are loopback, link-local
 *                             or otherwise internal to this host (see {@code WebhookTargets})
 */
public record NetworkLimits(int syslogMaxConnections, Duration syslogIdleTimeout, Duration headerTimeout,
                            List<Cidr> webhookAllow) {
    public NetworkLimits {
        webhookAllow = List.copyOf(webhookAllow);
    }

    /** The documented defaults, for tests and embedders. */
    public static NetworkLimits defaults() {
        return new NetworkLimits(256, Duration.ofMinutes(10), Duration.ofSeconds(10), List.of());
    }
}
