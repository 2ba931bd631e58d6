package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.IngestStats;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.lucene.LuceneTraceStore;

class LogGeneratorTest {

    private static String generate(long messages, long seed) throws IOException {
        StringWriter out = new StringWriter();
        LogGenerator.generate(new LogGenerator.Options(messages, seed, LogGenerator.DEFAULT_DAY), out);
        return out.toString();
    }

    @Test
    void sameSeedWritesTheSameLogAndAnotherSeedADifferentOne() throws IOException {
        assertThat(generate(300, 7)).isEqualTo(generate(300, 7)).isNotEqualTo(generate(300, 8));
    }

    @Test
    void everyLineIsASyslogPostfixLineThePostfixFormatReadsWithoutMalformed() throws IOException {
        SyslogFraming framing = new SyslogFraming(ZoneOffset.UTC, YearResolver.startingIn(2026));
        LineFormat postfix = new PostfixFormat();
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        List<String> lines = generate(3000, 1).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Framed framed = framing.frame(lines.get(i), "gen:" + (i + 1));
            assertThat(framed).as(lines.get(i)).isInstanceOf(Framed.Ok.class);
            ParseResult result = postfix.parse(((Framed.Ok) framed).line());
            assertThat(result).as(lines.get(i)).isNotInstanceOf(ParseResult.Malformed.class)
                    .isNotInstanceOf(ParseResult.NotMine.class);
            outcomes.merge(result.getClass().getSimpleName(), 1, Integer::sum);
        }
        assertThat(outcomes.get("Parsed")).as("outcomes %s", outcomes).isGreaterThan(lines.size() * 9 / 10);
    }

    @Test
    void linesAreInTimeOrderAndAverageTenToFifteenPerMessage() throws IOException {
        StringWriter out = new StringWriter();
        GeneratedLog log = LogGenerator.generate(new LogGenerator.Options(5000, 3, LogGenerator.DEFAULT_DAY), out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize((int) log.lines());
        assertThat(log.bytes()).isEqualTo(out.toString().length());
        double perMessage = (double) log.lines() / log.messages();
        assertThat(perMessage).isBetween(10.0, 15.0);
        // "Nov 27 hh:mm:ss" sorts by time within the day, and everything starts on the 27th.
        assertThat(lines.get(0)).startsWith("Nov 27 00:");
        for (int i = 1; i < lines.size(); i++) {
            String prev = lines.get(i - 1).substring(0, 15);
            String cur = lines.get(i).substring(0, 15);
            assertThat(cur.compareTo(prev) >= 0 || cur.startsWith("Nov 28")).as("line %d after %s", i + 1, prev).isTrue();
        }
        assertThat(log.byKind().keySet()).contains("inbound-clean", "inbound-spam", "inbound-mailbox-full",
                "outbound-sent", "outbound-deferred", "outbound-bounced", "internal", "rcpt-reject");
    }

    @Test
    void aSmallDayBecomesOneTracePerMessageAndNotificationWithAPlausibleStatusMix(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("mail.log");
        GeneratedLog generated = LogGenerator.generate(new LogGenerator.Options(2000, 11, LogGenerator.DEFAULT_DAY), log);
        CorrelationSettings correlation = new CorrelationSettings(Set.copyOf(Population.HOSTED_DOMAINS), List.of(),
                CorrelationSettings.DEFAULT_IDLE_LIMIT);
        IngestSettings settings = new IngestSettings("postfix", 2026, ZoneOffset.UTC, correlation,
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        try (TraceStore store = LuceneTraceStore.openWritable(dir.resolve("data"))) {
            IngestStats stats = new IngestPipeline(store, new PostfixFormat(), settings, ProgressListener.NONE,
                    Clock.systemUTC(), System.in).run(List.of(log.toString()));
            assertThat(stats.malformedTotal()).as("malformed %s", stats.samples()).isZero();
            assertThat(stats.read()).isEqualTo(generated.lines());

            Map<DeliveryStatus, Long> statuses = new EnumMap<>(DeliveryStatus.class);
            Set<String> traces = new HashSet<>();
            long rows = 0;
            String cursor = null;
            do {
                TracePage page = store.search(TraceQuery.all(), cursor, 5000);
                for (TraceRow row : page.rows()) {
                    statuses.merge(row.status(), 1L, Long::sum);
                    traces.add(row.messageTraceId());
                    rows++;
                }
                cursor = page.next();
            } while (cursor != null);

            assertThat(traces).hasSize((int) (generated.messages() + generated.notifications()));
            assertThat(rows).isEqualTo(generated.recipients());
            long delivered = statuses.getOrDefault(DeliveryStatus.Delivered, 0L);
            assertThat(delivered).as("statuses %s", statuses).isGreaterThan(rows * 7 / 10);
            long spam = generated.byKind().get("inbound-spam");
            long failedMessages = generated.byKind().get("rcpt-reject") + generated.byKind().get("inbound-mailbox-full")
                    + generated.byKind().get("outbound-bounced");
            assertThat(statuses.get(DeliveryStatus.FilteredAsSpam)).isGreaterThanOrEqualTo(spam);
            assertThat(statuses.get(DeliveryStatus.Failed)).isEqualTo(failedMessages);
            assertThat(statuses).as("statuses %s", statuses)
                    .containsKeys(DeliveryStatus.Failed, DeliveryStatus.FilteredAsSpam);
            assertThat(statuses.getOrDefault(DeliveryStatus.GettingStatus, 0L)).as("statuses %s", statuses).isZero();
        }
    }
}
