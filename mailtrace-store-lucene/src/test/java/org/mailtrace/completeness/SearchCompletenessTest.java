package org.mailtrace.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * "No rows match" must mean the mail is not there: over every real Postfix and Exim log (and the hand-written Exchange logs) the tests
 * have, each name a delivered, deferred, bounced or expired message's own lines state finds a row
 * with its queue (or Exim message) ID, through the ingest pipeline and the Lucene store a user's search goes through.
 */
class SearchCompletenessTest {

    @Test
    void everyNameALogStatesFindsItsQueueEntry(@TempDir Path tmp) throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>(RealPostfixLogs.ownLogs());
        logs.addAll(RealPostfixLogs.sharedLogs());
        SearchCompleteness all = check(tmp, "postfix", logs, PostfixQueueEntries::read);
        System.out.println("search completeness over " + logs.size() + " real Postfix logs: " + all.summary());
        all.misses().forEach(m -> System.out.println("  miss: " + m));
        assertThat(all.asked()).as("names asked").isGreaterThan(0);
        assertThat(all.misses()).as("names that find no row of their queue entry (" + all.summary() + ")").isEmpty();
    }

    @Test
    void everyNameAnEximLogStatesFindsItsMessage(@TempDir Path tmp) throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>(RealEximLogs.ownLogs());
        logs.addAll(RealEximLogs.sharedLogs());
        SearchCompleteness all = check(tmp, "exim", logs, EximMessages::read);
        System.out.println("search completeness over " + logs.size() + " real Exim logs: " + all.summary());
        all.misses().forEach(m -> System.out.println("  miss: " + m));
        assertThat(all.asked()).as("names asked").isGreaterThan(0);
        assertThat(all.misses()).as("names that find no row of their message (" + all.summary() + ")").isEmpty();
    }

    @Test
    void everyNameAnExchangeLogStatesFindsItsMessage(@TempDir Path tmp) throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>(RealExchangeLogs.ownLogs());
        SearchCompleteness all = check(tmp, "exchange", logs, ExchangeMessages::read);
        System.out.println("search completeness over " + logs.size() + " Exchange logs: " + all.summary());
        all.misses().forEach(m -> System.out.println("  miss: " + m));
        assertThat(all.asked()).as("names asked").isGreaterThan(0);
        assertThat(all.misses()).as("names that find no row of their message (" + all.summary() + ")").isEmpty();
    }

    /** Ingests each log alone through the real pipeline into a fresh Lucene store and asks it every stated name. */
    private static SearchCompleteness check(Path tmp, String format, List<RealPostfixLogs.Log> logs,
                                            BiFunction<String, List<String>, List<LoggedEntry>> reader) throws IOException {
        SearchCompleteness all = new SearchCompleteness();
        int n = 0;
        for (RealPostfixLogs.Log log : logs) {
            Path file = tmp.resolve(format + "-log-" + n + ".log");
            Files.write(file, log.lines(), StandardCharsets.UTF_8);
            Path data = tmp.resolve(format + "-data-" + n++);
            try (TraceStore store = TraceStores.open("lucene", data, false)) {
                IngestSettings settings = new IngestSettings(format, 2026, ZoneOffset.UTC,
                        CorrelationSettings.defaults(), IngestSettings.DEFAULT_COMMIT_EVERY_LINES,
                        IngestSettings.DEFAULT_MAX_LINE_BYTES, null);
                new IngestPipeline(store, Formats.byName(format), settings, ProgressListener.NONE,
                        Clock.systemUTC(), new ByteArrayInputStream(new byte[0])).run(List.of(file.toString()));
                all.check(store, reader.apply(log.name(), log.lines()));
            }
        }
        return all;
    }
}
