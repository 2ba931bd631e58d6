package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * What the kill-resume tests ({@link KillResumeIT}, {@link OpenSearchKillResumeIT}) share, whatever the
 * store: the synthetic log they ingest and the two views by which a store that survived kills must
 * equal one uninterrupted run. One place, so both stores are held to the same comparison.
 */
final class KillResume {
    private KillResume() {
    }

    /** The synthetic Postfix log of {@code messages} messages (seed 7, retries up to 3 hours later), drained to the end. */
    static void writeLog(Path log, int messages) throws IOException {
        SyntheticMailLog gen = new SyntheticMailLog(7, 3 * 3600);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            all.addAll(gen.nextLines());
        }
        all.addAll(gen.drain());
        Files.write(log, all, StandardCharsets.UTF_8);
    }

    /**
     * {@code trace --output json} of everything, each row as canonical JSON, sorted.
     *
     * @param storeOption how {@code trace} names the store, e.g. {@code "--data", dir} or {@code "--store", location}
     */
    static List<String> sortedRows(String... storeOption) throws IOException {
        List<String> args = new ArrayList<>(List.of("trace"));
        args.addAll(List.of(storeOption));
        args.addAll(List.of("--output", "json", "--limit", "10000000"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> rows = new ArrayList<>();
        for (JsonNode row : TraceJson.mapper().readTree(run.out())) {
            rows.add(row.toString());
        }
        rows.sort(null);
        assertThat(rows).isNotEmpty();
        return rows;
    }

    /** Every trace with all its events, as JSON, by trace ID. */
    static TreeMap<String, String> details(TraceStore store) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        for (TraceRow row : store.search(TraceQuery.all(), null, 10_000_000).rows()) {
            if (!out.containsKey(row.messageTraceId())) {
                out.put(row.messageTraceId(), TraceJson.mapper().writeValueAsString(store.get(row.messageTraceId()).orElseThrow()));
            }
        }
        return out;
    }
}
