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
 * "No rows match" must mean the mail is not there: over every real Postfix log the tests have, each
 * name a delivered, deferred, bounced or expired queue entry's own lines state finds a row with its
 * queue ID, through the ingest pipeline and the Lucene store a user's search goes through.
 */
class SearchCompletenessTest {

    @Test
    void everyNameALogStatesFindsItsQueueEntry(@TempDir Path tmp) throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>(RealPostfixLogs.ownLogs());
        logs.addAll(RealPostfixLogs.sharedLogs());
        SearchCompleteness all = new SearchCompleteness();
        int n = 0;
        for (RealPostfixLogs.Log log : logs) {
            Path file = tmp.resolve("log-" + n + ".log");
            Files.write(file, log.lines(), StandardCharsets.UTF_8);
            Path data = tmp.resolve("data-" + n++);
            try (TraceStore store = TraceStores.open("lucene", data, false)) {
                IngestSettings settings = new IngestSettings("postfix", 2026, ZoneOffset.UTC,
                        CorrelationSettings.defaults(), IngestSettings.DEFAULT_COMMIT_EVERY_LINES,
                        IngestSettings.DEFAULT_MAX_LINE_BYTES, null);
                new IngestPipeline(store, Formats.byName("postfix"), settings, ProgressListener.NONE,
                        Clock.systemUTC(), new ByteArrayInputStream(new byte[0])).run(List.of(file.toString()));
                all.check(store, PostfixQueueEntries.read(log.name(), log.lines()));
            }
        }
        System.out.println("search completeness over " + logs.size() + " real Postfix logs: " + all.summary());
        all.misses().forEach(m -> System.out.println("  miss: " + m));
        assertThat(all.asked()).as("names asked").isGreaterThan(0);
        assertThat(all.misses()).as("names that find no row of their queue entry (" + all.summary() + ")").isEmpty();
    }
}
