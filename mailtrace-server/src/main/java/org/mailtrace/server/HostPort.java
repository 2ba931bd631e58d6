package org.mailtrace.server;

/**
 * A listen address {@code HOST:PORT}; IPv6 hosts in brackets ({@code [::1]:8080}). Port 0 picks a
 * free port (tests).
 */
public record HostPort(String host, int port) {

    public static HostPort parse(String key, String text) {
        String s = text == null ? "" : text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException(key + " must be HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), was '" + text + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(key + ": put an IPv6 address in brackets, e.g. [::1]:8080; was '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + s.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": port must be 0-65535, was " + port);
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
