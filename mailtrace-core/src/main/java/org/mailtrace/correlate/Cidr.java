package org.mailtrace.correlate;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a bare
 * address meaning a single host). Parsed without DNS: {@link java.net.InetAddress#getByName} would
 * resolve names, which a pure correlator must never do.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code addr[/prefix]}; throws {@link IllegalArgumentException} naming the bad input. */
    public static Cidr parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) {
            throw new IllegalArgumentException("'" + cidr + "': not an IPv4/IPv6 network");
        }
        int bits = addr.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "': bad prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + cidr + "': prefix length must be 0.." + bits);
            }
        }
        return new Cidr(mask(addr, prefix), prefix, s);
    }

    /** True when {@code ip} (a literal address; anything else is false) lies in this network. */
    public boolean contains(String ip) {
        byte[] addr = ip == null ? null : parseAddress(ip);
        if (addr == null) {
            return false;
        }
        if (addr.length != network.length) {
            byte[] mapped = addr.length == 16 ? ipv4Mapped(addr) : null;
            if (mapped == null || network.length != 4) {
                return false;
            }
            addr = mapped;
        }
        return Arrays.equals(mask(addr, prefix), network);
    }

    /** True when {@code ip} is 127.0.0.0/8 or ::1 (also as an IPv4-mapped address). */
    public static boolean isLoopback(String ip) {
        // The address is parsed once (it runs for every client and relay), not once per network.
        byte[] a = ip == null ? null : parseAddress(ip);
        if (a == null) {
            return false;
        }
        if (a.length == 4) {
            return a[0] == 127;
        }
        byte[] mapped = ipv4Mapped(a);
        if (mapped != null) {
            return mapped[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1;
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF00 >> keep));
        }
        return out;
    }

    private static byte[] ipv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
            return null;
        }
        return Arrays.copyOfRange(a, 12, 16);
    }

    /** A literal IPv4 or IPv6 address (zone IDs and brackets tolerated), or null. */
    static byte[] parseAddress(String raw) {
        String s = raw.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "IPv6:", 0, 5)) {
            s = s.substring(5);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    /** Dotted quad, each part 1-3 digits up to 255; by hand, as it runs for every client and relay of every message. */
    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3 || value > 255) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) > 0) {
            tail4 = parseV4(s.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl != s.lastIndexOf("::")) {
            return null;
        }
        String[] head = dbl < 0 ? s.split(":", -1) : splitGroups(s.substring(0, dbl));
        String[] tail = dbl < 0 ? new String[0] : splitGroups(s.substring(dbl + 2));
        int groups = head.length + tail.length;
        if (dbl < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        int[] words = new int[8];
        for (int i = 0; i < head.length; i++) {
            words[i] = hexGroup(head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            words[8 - tail.length + i] = hexGroup(tail[i]);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            if (words[i] < 0) {
                return null;
            }
            out[2 * i] = (byte) (words[i] >> 8);
            out[2 * i + 1] = (byte) words[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static String[] splitGroups(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static int hexGroup(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return -1;
        }
        try {
            return Integer.parseInt(g, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
