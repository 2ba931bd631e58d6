package org.mailtrace.bench.jmh;

import org.mailtrace.format.Formats;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mailtrace.bench.generate.LogGenerator;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.event.MailEvent;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two CPU stages before the store, over 20,000 generated messages (about 276,000 lines):
 * syslog framing + Postfix parsing of every line, and correlation of the parsed events.
 * Scores are whole passes per second; divide the line or event count (printed at setup) by the
 * time per pass for a per-line rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class PipelineStagesBench {
    private List<String> lines;
    private List<MailEvent> events;

    @Setup
    public void setUp() {
        lines = SampleDay.lines(20_000);
        events = SampleDay.events(lines);
        System.out.println("\n" + lines.size() + " lines, " + events.size() + " events");
    }

    @Benchmark
    public void frameAndParseEveryLine(Blackhole bh) {
        SyslogFraming framing = new SyslogFraming(ZoneOffset.UTC, YearResolver.startingIn(LogGenerator.DEFAULT_DAY.getYear()));
        PostfixFormat postfix = new PostfixFormat();
        for (String line : lines) {
            if (framing.frame(line, "bench") instanceof Framed.Ok ok) {
                bh.consume(postfix.parse(ok.line()));
            } else {
                throw new IllegalStateException("not syslog: " + line);
            }
        }
    }

    private static final CorrelationRules RULES = new PostfixFormat().rules();

    @Benchmark
    public void correlateEveryEvent(Blackhole bh) {
        Correlator c = new Correlator(SampleDay.settings(), Formats.allRules());
        for (MailEvent e : events) {
            c.accept(e, RULES);
        }
        bh.consume(c.drainChanges());
    }
}
