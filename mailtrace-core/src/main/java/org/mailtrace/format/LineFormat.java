package org.mailtrace.format;

import org.mailtrace.source.RawLine;

/**
 * Turns raw log lines of one MTA dialect into {@link org.mailtrace.event.MailEvent}s. Found by
 * {@link #name()} through {@link java.util.ServiceLoader} ({@link Formats}).
 *
 * <p>Contract: {@link #parse} never throws on any input, including garbage, and is stateless
 * (correlation is the correlator's job), so one instance may serve several threads.
 */
public interface LineFormat {

    /** Lowercase name used on the command line and in config: "postfix". */
    String name();

    ParseResult parse(RawLine line);
}
