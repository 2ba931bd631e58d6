package org.mailtrace.store.lucene;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.search.Query;

/**
 * IP literals and CIDR ranges (IPv4 and IPv6) for the fromIp/toIp criteria and fields. Only
 * literals are accepted: text is checked before {@link InetAddress#getByName} so that a typo can
 * never turn into a DNS lookup.
 */
final class IpCriteria {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpCriteria() {
    }

    /** The address of an indexed IP value, or empty when the stored text is not an IP literal. */
    static Optional<InetAddress> parseLiteral(String text) {
        if (text == null) {
            return Optional.empty();
        }
        InetAddress plain = plainIpv4(text);
        if (plain != null) {
            return Optional.of(plain);
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (v4 ? !octetsInRange(t) : !IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /**
     * The common case without patterns, split and {@code getByName}: four decimal octets, 0-255,
     * without leading zeros or anything around them (the indexing thread parses two IPs per row).
     * Null for any other text, which then takes the general path.
     */
    private static InetAddress plainIpv4(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return null;
        }
        byte[] octets = new byte[4];
        int at = 0;
        for (int octet = 0; octet < 4; octet++) {
            int start = at;
            int value = 0;
            while (at < length && at - start < 3) {
                char c = text.charAt(at);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                at++;
            }
            int digits = at - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            octets[octet] = (byte) value;
            if (octet < 3) {
                if (at >= length || text.charAt(at) != '.') {
                    return null;
                }
                at++;
            }
        }
        if (at != length) {
            return null;
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException cannotHappen) { // only for a wrong length
            throw new IllegalStateException(cannotHappen);
        }
    }

    private static boolean octetsInRange(String dotted) {
        for (String octet : dotted.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * The query for an exact IP or a CIDR range on one field.
     *
     * @throws IllegalArgumentException naming the criterion and the bad value
     */
    static Query query(String criterion, String field, String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        String addressText = slash < 0 ? v : v.substring(0, slash);
        InetAddress address = parseLiteral(addressText).orElseThrow(() -> new IllegalArgumentException(
                criterion + " '" + value + "' is not an IP address or CIDR range (e.g. 192.0.2.7, 192.0.2.0/24, 2001:db8::/32)"));
        if (slash < 0) {
            return InetAddressPoint.newExactQuery(field, address);
        }
        int maxPrefix = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(v.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException(criterion + " '" + value + "' has a bad prefix length; use 0 to "
                    + maxPrefix + " after the '/'");
        }
        return InetAddressPoint.newPrefixQuery(field, address, prefix);
    }
}
