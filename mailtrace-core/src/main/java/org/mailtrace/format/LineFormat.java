package org.mailtrace.format;

import java.time.ZoneId;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * One MTA's log dialect: how its lines are framed ({@link #framing}), how a framed line becomes
 * {@link org.mailtrace.event.MailEvent}s ({@link #parse}), and how those join into messages
 * ({@link #rules}). Found by {@link #name()} through
 * {@link java.util.ServiceLoader} ({@link Formats}).
 *
 * <p>Contract: {@link #parse} never throws on any input, including garbage, and is stateless
 * (correlation is the correlator's job), so one instance may serve several threads. State that
 * belongs to a stream of lines (split lines, the year) lives in the framing, one per source.
 */
public interface LineFormat {

    /** Lowercase name used on the command line and in config: "postfix". */
    String name();

    /**
     * A new framing for one stream of this format's lines. Syslog unless the MTA writes its own
     * files; zone and years resolve timestamps that carry no zone or no year.
     */
    default LineFraming framing(ZoneId zone, YearResolver years) {
        return new SyslogFraming(zone, years);
    }

    ParseResult parse(RawLine line);

    /** A new watcher of one stream's parse results, for advice on the MTA's log settings. */
    default LogAdvice advice() {
        return LogAdvice.NONE;
    }

    /**
     * How this MTA's events join into messages: what starts and ends one, what an SMTP session is.
     * The correlator takes them with each event this format parsed. Stateless, like the parser.
     */
    CorrelationRules rules();
}
