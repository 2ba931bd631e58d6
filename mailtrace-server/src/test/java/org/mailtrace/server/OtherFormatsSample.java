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
import java.util.stream.Stream;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.TraceStore;

/**
 * Fills a test store with the two other formats, through the real pipeline: the main-log slices a
 * real Exim wrote in the end-to-end suite (golden/exim-e2e, host localhost, example.test) and two
 * hand-written Exchange cases (golden/exchange 01 and 04, servers' folders read in path order as
 * the golden test reads them, contoso.test). The expected traces beside those logs say what the
 * API must show of them.
 */
public final class OtherFormatsSample {
    public static final Path GOLDEN = Path.of("../mailtrace-core/src/test/resources/golden");
    public static final Path EXIM = GOLDEN.resolve("exim-e2e");
    public static final List<Path> EXCHANGE = List.of(GOLDEN.resolve("exchange/01-mailbox-to-mailbox-and-edge"),
            GOLDEN.resolve("exchange/04-ndr-for-external-recipient"));

    private OtherFormatsSample() {
    }

    public static void ingest(TraceStore store) throws IOException {
        List<String> exim;
        try (Stream<Path> files = Files.list(EXIM)) {
            exim = files.filter(p -> p.toString().endsWith(".log")).sorted().map(Path::toString).toList();
        }
        if (exim.isEmpty()) {
            throw new IllegalStateException(EXIM.toAbsolutePath() + ": the real-Exim sample logs are missing");
        }
        run(store, "exim", exim);
        List<String> exchange = new java.util.ArrayList<>();
        for (Path dir : EXCHANGE) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).sorted().map(Path::toString).forEach(exchange::add);
            }
        }
        run(store, "exchange", exchange);
    }

    private static void run(TraceStore store, String formatName, List<String> inputs) throws IOException {
        LineFormat format = Formats.byName(formatName);
        IngestSettings settings = new IngestSettings(format.name(), 2026, ZoneOffset.UTC,
                new CorrelationSettings(Set.of("example.test", "contoso.test"), List.of("127.0.0.2/32", "10.0.0.0/24"),
                        CorrelationSettings.defaults().idleLimit()),
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        new IngestPipeline(store, format, settings, ProgressListener.NONE, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0])).run(inputs);
    }
}
