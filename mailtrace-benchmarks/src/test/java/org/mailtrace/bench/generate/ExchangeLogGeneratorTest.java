package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.completeness.ExchangeMessages;
import org.mailtrace.completeness.RealExchangeLogs;
import org.mailtrace.completeness.SearchCompleteness;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.exchange.ExchangeFormat;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.IngestStats;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.lucene.LuceneTraceStore;

class ExchangeLogGeneratorTest {

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().map(Path::toString).toList();
        }
    }

    @Test
    void sameSeedWritesTheSameFiles(@TempDir Path tmp) throws IOException {
        ExchangeLogGenerator.generate(new LogGenerator.Options(200, 5, LogGenerator.DEFAULT_DAY), tmp.resolve("a"));
        ExchangeLogGenerator.generate(new LogGenerator.Options(200, 5, LogGenerator.DEFAULT_DAY), tmp.resolve("b"));
        List<String> a = files(tmp.resolve("a"));
        assertThat(a).hasSize(7);
        for (String f : a) {
            Path other = tmp.resolve("b").resolve(tmp.resolve("a").relativize(Path.of(f)));
            assertThat(Files.readAllBytes(Path.of(f))).as(f).isEqualTo(Files.readAllBytes(other));
        }
    }

    @Test
    void aDayOfThreeServersBecomesOneTracePerMessageAndNotificationAcrossTheServers(@TempDir Path dir) throws IOException {
        GeneratedLog generated = ExchangeLogGenerator.generate(
                new LogGenerator.Options(1500, 11, LogGenerator.DEFAULT_DAY), dir.resolve("logs"));
        CorrelationSettings correlation = new CorrelationSettings(Set.copyOf(Population.HOSTED_DOMAINS), List.of(),
                CorrelationSettings.DEFAULT_IDLE_LIMIT);
        IngestSettings settings = new IngestSettings("exchange", 2026, ZoneOffset.UTC, correlation,
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        try (TraceStore store = LuceneTraceStore.openWritable(dir.resolve("data"))) {
            IngestStats stats = new IngestPipeline(store, new ExchangeFormat(), settings, ProgressListener.NONE,
                    Clock.systemUTC(), System.in).run(files(dir.resolve("logs")));
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
            assertThat(statuses.getOrDefault(DeliveryStatus.Failed, 0L)).as("statuses %s", statuses)
                    .isEqualTo(generated.byKind().get("outbound-failed"));
            assertThat(statuses.getOrDefault(DeliveryStatus.Expanded, 0L)).as("statuses %s", statuses)
                    .isEqualTo(generated.byKind().get("inbound-group"));
            assertThat(statuses.getOrDefault(DeliveryStatus.GettingStatus, 0L)).as("statuses %s", statuses).isZero();
            assertThat(statuses.getOrDefault(DeliveryStatus.Pending, 0L)).as("statuses %s", statuses).isZero();

            // "No rows match" must mean no such mail: every name the rows state finds its message.
            SearchCompleteness completeness = new SearchCompleteness();
            List<String> lines = RealExchangeLogs.concatenated(dir.resolve("logs"));
            completeness.check(store, ExchangeMessages.read("generated", lines));
            System.out.println("search completeness over a generated Exchange day: " + completeness.summary());
            assertThat(completeness.asked()).isGreaterThan(1000);
            assertThat(completeness.misses()).as(completeness.summary()).isEmpty();
        }
    }
}
