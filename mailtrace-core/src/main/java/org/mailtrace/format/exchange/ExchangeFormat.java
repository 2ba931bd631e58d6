package org.mailtrace.format.exchange;

import java.time.ZoneId;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.event.LineMeta;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.LogAdvice;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.YearResolver;

/**
 * Exchange Server's message tracking logs ({@code MSGTRK*.LOG}), found by the name {@code exchange}:
 * rows framed by {@link ExchangeFraming}, mapped per {@code event-id} by {@link TrackingRows},
 * joined across servers by {@link ExchangeRules}. Every event's instance is the service whose log
 * it is ({@code exchange}, {@code exchange-ms}...): internal message IDs are unique per server and
 * service. Stateless and thread-safe; never throws on input.
 */
public final class ExchangeFormat implements LineFormat {
    private static final ExchangeRules RULES = new ExchangeRules();

    @Override
    public String name() {
        return RULES.format(); // the name each part records: one spelling
    }

    /** The log's times are UTC with a zone and a year: {@code zone} and {@code years} are not needed. */
    @Override
    public LineFraming framing(ZoneId zone, YearResolver years) {
        return new ExchangeFraming();
    }

    @Override
    public CorrelationRules rules() {
        return RULES;
    }

    @Override
    public LogAdvice advice() {
        return new ExchangeAdvice();
    }

    @Override
    public ParseResult parse(RawLine line) {
        if (line == null || line.tag() == null || line.message() == null || !line.tag().startsWith(ExchangeFraming.TAG)) {
            return ParseResult.NOT_MINE;
        }
        if (line.tag().equals(ExchangeFraming.HEADER)) {
            return new ParseResult.Ignored("exchange: log file header");
        }
        if (line.tag().equals(ExchangeFraming.MALFORMED)) {
            return new ParseResult.Malformed("exchange: " + line.message());
        }
        ExchangeRow row = ExchangeRow.ofCanonical(line.message());
        if (row == null) {
            return ParseResult.NOT_MINE; // not framed by ExchangeFraming
        }
        try {
            return TrackingRows.parse(row, new LineMeta(line.time(), line.host(), line.tag(), null, -1, line.source(),
                    line.message()));
        } catch (RuntimeException bug) {
            // TrackingRows is written not to throw; if it does, the row is still only counted, never fatal.
            return new ParseResult.Malformed("exchange: parser failure " + bug.getClass().getSimpleName());
        }
    }
}
