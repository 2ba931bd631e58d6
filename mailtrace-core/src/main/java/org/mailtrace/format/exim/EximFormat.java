package org.mailtrace.format.exim;

import java.time.ZoneId;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.LogAdvice;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.YearResolver;

/**
 * The Exim log dialect, found by the name {@code exim}: lines framed by {@link EximFraming} with tag
 * {@code exim}. A line that starts with a message ID goes by its flag ({@code <=} {@link ArrivalLines},
 * {@code => -> >> *> ** ==} {@link DeliveryLines}, a reject {@link RejectLines}, anything else
 * {@link QueueStateLines}); a line without one is a reject, an SMTP connection ({@link ConnectionLines})
 * or a daemon remark ({@link RemarkLines}).
 *
 * <p>Every event's instance is {@code exim} (queue IDs are unique per host); the program names the
 * role: {@code exim} for arrivals, rejects and queue states, the delivery agent's kind for deliveries.
 * Stateless and thread-safe; never throws on input.
 */
public final class EximFormat implements LineFormat {
    static final String INSTANCE = "exim";
    /** The program of every line that is not a delivery. */
    static final String PROGRAM = "exim";

    private static final EximRules RULES = new EximRules();

    @Override
    public String name() {
        return RULES.format(); // the name each part records: one spelling
    }

    @Override
    public CorrelationRules rules() {
        return RULES;
    }

    @Override
    public LineFraming framing(ZoneId zone, YearResolver years) {
        return new EximFraming(zone, years);
    }

    @Override
    public LogAdvice advice() {
        return new EximAdvice();
    }

    @Override
    public ParseResult parse(RawLine line) {
        if (line == null || line.tag() == null || line.message() == null) {
            return ParseResult.NOT_MINE;
        }
        if (line.tag().equals(EximFraming.CONTINUATION)) {
            return new ParseResult.Ignored("exim: line continuing the entry above (reject-log headers)");
        }
        if (line.tag().equals(EximFraming.DUPLICATE)) {
            return new ParseResult.Ignored("exim: line repeated through syslog (syslog_duplication)");
        }
        if (!EximFraming.isEximTag(line.tag())) {
            return ParseResult.NOT_MINE;
        }
        try {
            return dispatch(line);
        } catch (RuntimeException bug) {
            // The readers are written not to throw; if one does, the line is still only counted, never fatal.
            return new ParseResult.Malformed("exim: parser failure " + bug.getClass().getSimpleName());
        }
    }

    private static ParseResult dispatch(RawLine line) {
        String m = line.message().strip();
        if (m.isEmpty()) {
            return new ParseResult.Ignored("exim: empty line");
        }
        QueueId id = EximIds.leading(m);
        if (id == null) {
            if (RejectLines.isReject(m)) {
                return RejectLines.parse(meta(line, PROGRAM), null, m);
            }
            if (m.startsWith("SMTP connection ")) {
                return ConnectionLines.parse(meta(line, PROGRAM), m);
            }
            return RemarkLines.parse(m);
        }
        String rest = m.substring(id.value().length()).strip();
        if (rest.length() >= 2 && (rest.length() == 2 || rest.charAt(2) == ' ')) {
            String flag = rest.substring(0, 2);
            String after = rest.substring(2).strip();
            switch (flag) {
                case "<=", "(=":
                    return ArrivalLines.parse(meta(line, PROGRAM), id, after);
                case "=>", "->", ">>", "*>", "**", "==":
                    return DeliveryLines.parse(line, id, flag, after);
                default:
                    break;
            }
        }
        if (RejectLines.isReject(rest)) {
            return RejectLines.parse(meta(line, PROGRAM), id, rest);
        }
        return QueueStateLines.parse(meta(line, PROGRAM), id, rest);
    }

    /** The line's facts under instance {@code exim} and program {@code program}. */
    static LineMeta meta(RawLine line, String program) {
        return new LineMeta(line.time(), line.host(), INSTANCE, program, line.pid(), line.source(), line.message());
    }
}
