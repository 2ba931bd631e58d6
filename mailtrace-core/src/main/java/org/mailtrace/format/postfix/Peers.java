package org.mailtrace.format.postfix;

import org.mailtrace.event.Peer;

/**
 * Reads network peers as Postfix logs them: {@code mail.example.org[192.0.2.1]:25}, {@code [192.0.2.1]:4312},
 * {@code unknown[2001:db8::1]}. IPv6 addresses sit inside the brackets, so the brackets delimit the address.
 */
final class Peers {
    private Peers() {
    }

    /** The peer in {@code s[from, to)}, or null when the text has no {@code [address]}. */
    static Peer parse(String s, int from, int to) {
        int open = s.indexOf('[', from);
        if (open < 0 || open >= to) {
            return null;
        }
        int close = s.indexOf(']', open);
        if (close < 0 || close >= to) {
            return null;
        }
        String name = open > from ? s.substring(from, open) : null;
        String ip = close > open + 1 ? s.substring(open + 1, close) : null;
        Integer port = null;
        if (close + 1 < to && s.charAt(close + 1) == ':') {
            int p = close + 2;
            int digits = p;
            while (digits < to && digits - p < 6 && Character.isDigit(s.charAt(digits))) {
                digits++;
            }
            if (digits > p) {
                port = Integer.parseInt(s, p, digits, 10);
            }
        }
        return new Peer(name, ip, port);
    }

    /** The peer that {@code s} is entirely, or null. */
    static Peer parse(String s) {
        return s == null ? null : parse(s, 0, s.length());
    }

    /**
     * Index just after the peer that starts at {@code from}: past {@code ]} and an optional {@code :port}.
     * Returns -1 when there is no bracketed address.
     */
    static int end(String s, int from) {
        int open = s.indexOf('[', from);
        int close = open < 0 ? -1 : s.indexOf(']', open);
        if (close < 0) {
            return -1;
        }
        int p = close + 1;
        if (p + 1 < s.length() && s.charAt(p) == ':' && Character.isDigit(s.charAt(p + 1))) {
            p++;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
        }
        return p;
    }
}
