package org.mailtrace.source;

/**
 * What a {@link LineFraming} made of one text line: a {@link RawLine}, or the reason the line has
 * no syslog header we understand. A failure is normal input (a banner, a half-written line), not an error.
 */
public sealed interface Framed {

    /** The line had a syslog header; {@code line} carries its parts. */
    record Ok(RawLine line) implements Framed {
    }

    /** The line is not a syslog line we understand; {@code reason} is short and stable, for counting. */
    record NotSyslog(String reason) implements Framed {
    }

    /**
     * The line is one part of a longer line that the writer split (Exim through syslog writes
     * {@code [1/3] ...}); the framing holds it and frames the whole when the last part arrives.
     */
    record Held() implements Framed {
    }

    Framed HELD = new Held();

    static Framed ok(RawLine line) {
        return new Ok(line);
    }

    static Framed notSyslog(String reason) {
        return new NotSyslog(reason);
    }
}
