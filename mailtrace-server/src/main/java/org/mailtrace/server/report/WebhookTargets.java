package org.mailtrace.server.report;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.mailtrace.correlate.Cidr;

/**
 * Which addresses a report webhook may reach. Whoever may order a report names the URL, and the
 * server POSTs to it from inside the network: without a check, a webhook at {@code 127.0.0.1}
 * reaches services bound to loopback, one at {@code 169.254.169.254} a cloud's metadata service
 * (credentials), and an IPv4-mapped IPv6 literal hides either. So the host's every address must be
 * none of loopback, link-local, unspecified, "this network" (0.0.0.0/8), multicast, a known cloud
 * metadata address, or an IPv4-mapped or -compatible IPv6 address, unless the configured
 * allow-list ({@code webhook-allow}) names it. Checked when the report is ordered and again right
 * before each POST (the name may resolve differently by then); redirects are never followed.
 */
public final class WebhookTargets {
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");
    private static final Cidr AWS_METADATA_V6 = Cidr.parse("fd00:ec2::254/128");

    private final List<Cidr> allowed;

    public WebhookTargets(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Resolves the URL's host and refuses it when any of its addresses is internal and not allowed.
     *
     * @throws IllegalArgumentException saying which address is refused, why, and how to allow it
     * @throws UnknownHostException     when the host does not resolve
     */
    public void check(URI url) throws UnknownHostException {
        String host = url.getHost();
        if (host == null) {
            throw new IllegalArgumentException(url + ": no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Java turns an IPv4-mapped literal into a plain IPv4 address when resolving: judge the literal first.
        if (bare.indexOf(':') >= 0 && MAPPED.contains(bare) && !isAllowed(bare)) {
            throw refused(host, bare, "an IPv4-mapped IPv6 address");
        }
        for (InetAddress a : InetAddress.getAllByName(bare)) {
            String why = internal(a);
            if (why != null && !isAllowed(a.getHostAddress())) {
                throw refused(host, a.getHostAddress(), why);
            }
        }
    }

    private boolean isAllowed(String ip) {
        return allowed.stream().anyMatch(c -> c.contains(ip));
    }

    /** Why this address is internal to the host or its cloud, or null when it is not. */
    static String internal(InetAddress a) {
        String ip = a.getHostAddress();
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (where cloud metadata services answer)";
        }
        if (a.isAnyLocalAddress() || (a instanceof Inet4Address && THIS_NETWORK.contains(ip))) {
            return "an unspecified address (it reaches this host)";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (AWS_METADATA_V6.contains(ip)) {
            return "a cloud metadata address";
        }
        if (!(a instanceof Inet4Address) && (MAPPED.contains(ip) || COMPATIBLE.contains(ip))) {
            return "an IPv4-mapped or IPv4-compatible IPv6 address";
        }
        return null;
    }

    private static IllegalArgumentException refused(String host, String ip, String why) {
        return new IllegalArgumentException(host + " is " + ip + ", " + why + ", which webhooks may not reach;"
                + " if that is really where the hook listens, the administrator adds it with webhook-allow = " + ip);
    }
}
