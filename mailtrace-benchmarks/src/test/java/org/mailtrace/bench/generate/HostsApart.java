package org.mailtrace.bench.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * What the hosts-ingested-apart tests share, whatever the store: the generated log split into one
 * file per host, the pipeline each host's ingest runs, and every row a store holds. One place, so
 * the Lucene and the OpenSearch test compare the same thing.
 */
final class HostsApart {
    private HostsApart() {
    }

    /** A Postfix pipeline for the generated day: its hosted domains, UTC, year 2026, flushing every {@code batch} lines. */
    static IngestPipeline pipeline(TraceStore store, int batch) {
        CorrelationSettings correlation = new CorrelationSettings(Set.copyOf(LogGenerator.hostedDomains()), List.of(),
                CorrelationSettings.DEFAULT_IDLE_LIMIT);
        IngestSettings settings = new IngestSettings("postfix", 2026, ZoneOffset.UTC, correlation, batch,
                IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        return new IngestPipeline(store, new PostfixFormat(), settings, ProgressListener.NONE, Clock.systemUTC(), System.in);
    }

    /** One file per syslog host (the fourth field of a BSD syslog line), lines in their order. */
    static Map<String, Path> splitByHost(Path log, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<String>> lines = new TreeMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
            String host = line.substring(16, line.indexOf(' ', 16));
            lines.computeIfAbsent(host, h -> new ArrayList<>()).add(line);
        }
        Map<String, Path> files = new TreeMap<>();
        for (var e : lines.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".log");
            Files.write(f, e.getValue(), StandardCharsets.US_ASCII);
            files.put(e.getKey(), f);
        }
        return files;
    }

    /** Every row of the store, in the store's search order, page by page. */
    static List<TraceRow> allRows(TraceStore store) {
        List<TraceRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            TracePage page = store.search(TraceQuery.all(), cursor, 5000);
            rows.addAll(page.rows());
            cursor = page.next();
        } while (cursor != null);
        return rows;
    }
}
