package org.mailtrace.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.store.ForwardingTraceStore;
import org.mailtrace.store.IngestCheckpoint;
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
        Map<String, Path> byHost = HostsApart.splitByHost(log, dir.resolve("hosts"));
        assertThat(byHost.keySet()).containsExactly("mx1", "mx2", "mx3", "submit1");

        List<TraceRow> oneProcess;
        try (TraceStore store = LuceneTraceStore.openWritable(dir.resolve("one"))) {
            HostsApart.pipeline(store, 5_000).run(List.of(log.toString()));
            oneProcess = HostsApart.allRows(store);
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
                    IngestPipeline p = HostsApart.pipeline(new OwnCheckpoint(shared), 5_000);
                    p.joinHopsThroughStore();
                    p.run(List.of(byHost.get(host).toString()));
                }
                assertThat(HostsApart.allRows(shared)).as("hosts read apart in the order %s", order).isEqualTo(oneProcess);
            }
        }
    }

    /**
     * One ingest process's view of a shared store: its own checkpoint (here: none kept, each process
     * reads its file once), everything else the shared store's. A Lucene store has one writer and
     * one checkpoint, so processes that write it one after the other stand in for processes that
     * write a network store at once, each under its own writer name.
     */
    private static final class OwnCheckpoint extends ForwardingTraceStore {
        OwnCheckpoint(TraceStore shared) {
            super(shared);
        }

        @Override
        public void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint) {
            inner.commit(upserts, deletedTraceIds, null);
        }

        @Override
        public void commitInBackground(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                                       IngestCheckpoint checkpoint) {
            commit(upserts, deletedTraceIds, checkpoint);
        }

        @Override
        public IngestCheckpoint checkpoint() {
            return IngestCheckpoint.empty();
        }

        @Override
        public void close() {
        }
    }
}
