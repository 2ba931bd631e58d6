package org.mailtrace.model;

/**
 * Which way a message went for one recipient. "Us" is a trusted network, an authenticated client
 * or local submission; "ours" is an accepted domain.
 */
public enum Direction {
    /** From outside to an accepted domain (also: from outside to anywhere, e.g. a refused relay attempt). */
    Inbound,
    /** From us to outside. */
    Outbound,
    /** From us to an accepted domain. */
    Internal;

    /** Parses a direction name case-insensitively; throws {@link IllegalArgumentException} listing the known names. */
    public static Direction parse(String name) {
        for (Direction d : values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + name + "'; known: "
                + java.util.Arrays.toString(values()));
    }
}
