package org.mailtrace.format;

import java.util.List;
import org.mailtrace.event.MailEvent;

/** What a format made of one line. Formats return one of these and never throw on input. */
public sealed interface ParseResult {

    /**
     * The line carried facts about a message or session, in the order they happened. Most Postfix
     * lines carry one; an Exim arrival line carries what Postfix spreads over three daemons (client,
     * Message-ID, envelope sender).
     */
    record Parsed(List<MailEvent> events) implements ParseResult {
        public Parsed {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a parsed line carries at least one event");
            }
        }

        public Parsed(MailEvent event) {
            this(List.of(event));
        }

        /** The first event: the only one for most lines. */
        public MailEvent first() {
            return events.get(0);
        }
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
