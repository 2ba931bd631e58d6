package org.mailtrace.bench.jmh;

import org.mailtrace.format.Formats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailtrace.bench.generate.LogGenerator;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.event.MailEvent;
import org.mailtrace.format.ParseResult;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/** A generated slice of the benchmark day at each stage of the pipeline, the inputs of the JMH benchmarks. */
public final class SampleDay {
    private SampleDay() {
    }

    public static List<String> lines(int messages) {
        StringWriter out = new StringWriter();
        try {
            LogGenerator.generate(new LogGenerator.Options(messages, 42, LogGenerator.DEFAULT_DAY), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().lines().toList();
    }

    public static List<MailEvent> events(List<String> lines) {
        SyslogFraming framing = new SyslogFraming(ZoneOffset.UTC, YearResolver.startingIn(LogGenerator.DEFAULT_DAY.getYear()));
        PostfixFormat postfix = new PostfixFormat();
        List<MailEvent> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (framing.frame(line, "sample") instanceof Framed.Ok ok && postfix.parse(ok.line()) instanceof ParseResult.Parsed p) {
                out.addAll(p.events());
            }
        }
        return out;
    }

    public static CorrelationSettings settings() {
        return new CorrelationSettings(Set.copyOf(LogGenerator.hostedDomains()), List.of(), CorrelationSettings.DEFAULT_IDLE_LIMIT);
    }

    public static List<MessageTrace> traces(List<MailEvent> events) {
        Correlator c = new Correlator(settings(), Formats.allRules());
        CorrelationRules rules = new PostfixFormat().rules();
        events.forEach(e -> c.accept(e, rules));
        c.closeIdle(LogGenerator.DEFAULT_DAY.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant());
        return c.drainChanges().upserted();
    }
}
