package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.HopDirectory;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.lucene.LuceneTraceStore;

/**
 * The generated day with messages relayed from the submission host to the MX hosts, split by host
 * into one file per host and read by one ingest pipeline per host into one Lucene store, in either
 * order: the same rows, trace IDs included, as one pipeline reading the whole log.
 */
class HostsIngestedApartTest {
    private static final int MESSAGES = 3000;

    @Test
    void splitByHostAndIngestedByOnePipelinePerHostGivesTheRowsOfOnePipeline(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("mail.log");
        GeneratedLog generated = LogGenerator.generate(new LogGenerator.Options(MESSAGES, 5, LogGenerator.DEFAULT_DAY, 10), log);
        assertThat(generated.byKind().get("relayed")).isGreaterThan(100L);
        Map<String, Path> byHost = splitByHost(log, dir.resolve("hosts"));
        assertThat(byHost.keySet()).containsExactly("mx1", "mx2", "mx3", "submit1");

        List<TraceRow> oneProcess;
        try (TraceStore store = LuceneTraceStore.openWritable(dir.resolve("one"))) {
            pipeline(store).run(List.of(log.toString()));
            oneProcess = allRows(store);
        }
        assertThat(oneProcess).hasSize((int) generated.recipients());
        assertThat(oneProcess).filteredOn(r -> r.hosts().size() > 1).hasSizeGreaterThan(100);

        List<String> hosts = new ArrayList<>(byHost.keySet());
        List<String> reversed = new ArrayList<>(hosts);
        java.util.Collections.reverse(reversed);
        for (List<String> order : List.of(hosts, reversed)) {
            Path data = dir.resolve("apart-" + String.join("-", order));
            try (TraceStore shared = LuceneTraceStore.openWritable(data)) {
                for (String host : order) {
                    IngestPipeline p = pipeline(new OwnCheckpoint(shared));
                    p.joinHopsThroughStore();
                    p.run(List.of(byHost.get(host).toString()));
                }
                assertThat(allRows(shared)).as("hosts read apart in the order %s", order).isEqualTo(oneProcess);
            }
        }
    }

    private static IngestPipeline pipeline(TraceStore store) {
        CorrelationSettings correlation = new CorrelationSettings(Set.copyOf(Population.HOSTED_DOMAINS), List.of(),
                CorrelationSettings.DEFAULT_IDLE_LIMIT);
        IngestSettings settings = new IngestSettings("postfix", 2026, ZoneOffset.UTC, correlation, 5_000,
                IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        return new IngestPipeline(store, new PostfixFormat(), settings, ProgressListener.NONE, Clock.systemUTC(), System.in);
    }

    /** One file per syslog host (the fourth field of a BSD syslog line), lines in their order. */
    private static Map<String, Path> splitByHost(Path log, Path dir) throws IOException {
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

    private static List<TraceRow> allRows(TraceStore store) {
        List<TraceRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            TracePage page = store.search(TraceQuery.all(), cursor, 5000);
            rows.addAll(page.rows());
            cursor = page.next();
        } while (cursor != null);
        return rows;
    }

    /**
     * One ingest process's view of a shared store: its own checkpoint (here: none kept, each process
     * reads its file once), everything else the shared store's. A Lucene store has one writer and
     * one checkpoint, so processes that write it one after the other stand in for processes that
     * write a network store at once, each under its own writer name.
     */
    private record OwnCheckpoint(TraceStore shared) implements TraceStore {
        @Override
        public void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint) {
            shared.commit(upserts, deletedTraceIds, null);
        }

        @Override
        public void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
            shared.stage(upserts, deletedTraceIds);
        }

        @Override
        public void awaitCommits() {
            shared.awaitCommits();
        }

        @Override
        public IngestCheckpoint checkpoint() {
            return IngestCheckpoint.empty();
        }

        @Override
        public long deleteReceivedBefore(Instant cutoff) {
            return shared.deleteReceivedBefore(cutoff);
        }

        @Override
        public TracePage search(TraceQuery query, String cursor, int limit) {
            return shared.search(query, cursor, limit);
        }

        @Override
        public long count(TraceQuery query) {
            return shared.count(query);
        }

        @Override
        public Optional<MessageTrace> get(String messageTraceId) {
            return shared.get(messageTraceId);
        }

        @Override
        public List<MessageTrace> findByMessageId(String messageId) {
            return shared.findByMessageId(messageId);
        }

        @Override
        public Optional<HopDirectory> hopDirectory() {
            return shared.hopDirectory();
        }

        @Override
        public void close() {
        }
    }
}
