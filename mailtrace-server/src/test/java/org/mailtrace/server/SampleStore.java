package org.mailtrace.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.TraceStore;

/** Fills a test store from the real Postfix log of the end-to-end suite, through the real pipeline. */
public final class SampleStore {
    public static final Path LOG = Path.of("../mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");

    private SampleStore() {
    }

    /** What fills a test server's store before the server starts: {@link #ingest}, or another sample's. */
    @FunctionalInterface
    public interface Filler {
        void ingest(TraceStore store) throws IOException;
    }

    public static void ingest(TraceStore store) throws IOException {
        if (!Files.isRegularFile(LOG)) {
            throw new IllegalStateException(LOG.toAbsolutePath() + ": the real-Postfix sample log is missing");
        }
        LineFormat format = Formats.byName("postfix");
        IngestSettings settings = new IngestSettings(format.name(), 2025, ZoneOffset.UTC,
                new CorrelationSettings(Set.of("example.test"), List.of("127.0.0.0/8"), CorrelationSettings.defaults().idleLimit()),
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        new IngestPipeline(store, format, settings, ProgressListener.NONE, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0])).run(List.of(LOG.toString()));
    }
}
