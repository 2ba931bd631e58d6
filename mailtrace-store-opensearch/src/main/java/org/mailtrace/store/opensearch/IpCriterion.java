package org.mailtrace.store.opensearch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals and CIDR ranges for the fromIp/toIp criteria, checked here so a typo is an
 * IllegalArgumentException naming it (not a cluster error) and never a DNS lookup; the {@code ip}
 * field's term query then matches exact addresses and CIDR ranges of both families.
 */
final class IpCriterion {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpCriterion() {
    }

    /** The address of an IP literal (brackets allowed), or empty when the text is not one. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (IPV4.matcher(t).matches()) {
            for (String octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /**
     * The term for the {@code ip} field: the address, or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the criterion and the value
     */
    static String term(String criterion, String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        InetAddress address = literal(slash < 0 ? v : v.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
                criterion + " '" + value + "' is not an IP address or CIDR range (e.g. 192.0.2.7, 192.0.2.0/24, 2001:db8::/32)"));
        if (slash < 0) {
            return address.getHostAddress();
        }
        int max = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException(criterion + " '" + value + "' has a bad prefix length; use 0 to " + max + " after the '/'");
        }
        return address.getHostAddress() + "/" + prefix;
    }
}
