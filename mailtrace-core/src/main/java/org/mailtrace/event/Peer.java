package org.mailtrace.event;

/**
 * A network peer as Postfix logs it: {@code name[ip]:port}.
 *
 * @param name host name, {@code unknown} when reverse DNS failed, or null
 * @param ip   address, or null when the log gives none
 * @param port port, or null
 */
public record Peer(String name, String ip, Integer port) {
    @Override
    public String toString() {
        return (name == null ? "" : name) + (ip == null ? "" : "[" + ip + "]") + (port == null ? "" : ":" + port);
    }
}
