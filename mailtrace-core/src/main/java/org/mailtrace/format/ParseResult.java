package org.mailtrace.format;

import org.mailtrace.event.MailEvent;

/** What a format made of one line. Formats return one of these and never throw on input. */
public sealed interface ParseResult {

    /** The line carried a fact about a message or session. */
    record Parsed(MailEvent event) implements ParseResult {
    }

    /** The line is this MTA's, but carries nothing a trace needs (statistics, anvil, daemon start). */
    record Ignored(String reason) implements ParseResult {
    }

    /** The line belongs to another program: counted as foreign, never an error. */
    record NotMine() implements ParseResult {
    }

    /** The line is this MTA's but could not be understood: counted by reason, a sample is kept. */
    record Malformed(String reason) implements ParseResult {
    }

    ParseResult NOT_MINE = new NotMine();
}
