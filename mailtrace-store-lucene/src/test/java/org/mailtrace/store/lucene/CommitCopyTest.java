package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** The backup's copy of the last commit: complete and consistent with its checkpoint, also while a writer commits. */
class CommitCopyTest {
    private static final int BATCH = 25;

    @TempDir
    Path tmp;

    @Test
    void copyOfAQuietStoreHoldsItsRowsCheckpointAndState() throws Exception {
        Path src = tmp.resolve("src");
        try (TraceStore store = LuceneTraceStore.openWritable(src)) {
            store.commit(FormatOneStore.traces(), List.of(), new IngestCheckpoint(
                    Map.of("/var/log/mail.log", FormatOneStore.POSITION), "state-1"));
        }
        CommitCopy.Copied copied = CommitCopy.copyLastCommit(src, tmp.resolve("copy"));
        assertThat(copied.format()).isEqualTo(StoreFormat.CURRENT);
        assertThat(copied.files()).contains("state/1.json.gz").anyMatch(f -> f.startsWith("index/segments_"));
        assertThat(copied.positions()).containsEntry("/var/log/mail.log", FormatOneStore.POSITION);
        try (TraceStore copy = LuceneTraceStore.openReadOnly(tmp.resolve("copy"))) {
            assertThat(copy.search(TraceQuery.all(), null, 1000).rows())
                    .containsExactlyInAnyOrderElementsOf(FormatOneStore.traces().stream().flatMap(t -> t.rows().stream()).toList());
            assertThat(copy.checkpoint().correlatorState().text()).isEqualTo("state-1");
        }
    }

    @Test
    void storeNeverCommittedCopiesAsNothing() {
        assertThat(CommitCopy.copyLastCommit(tmp.resolve("absent"), tmp.resolve("copy")).files()).isEmpty();
    }

    @Test
    void copiesTakenWhileAWriterCommitsAreEachOneWholeCommit() throws Exception {
        Path src = tmp.resolve("src");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Long> seen = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        try (TraceStore store = LuceneTraceStore.openWritable(src)) {
            Thread writer = new Thread(() -> {
                try {
                    for (int batch = 1; !stop.get(); batch++) {
                        // Each commit adds BATCH traces and records how many batches the store now holds.
                        store.commit(batch(batch), List.of(), new IngestCheckpoint(
                                Map.of("log", new SourcePosition("log", "i", batch, batch)), "batches=" + batch));
                        committed.set(batch);
                        Thread.sleep(2); // back to back, as a busy ingest commits, yet leaving a loaded machine's copier a chance
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            try {
                while (committed.get() < 2 && failure.get() == null) {
                    Thread.sleep(5);
                }
                for (int i = 0; i < 8; i++) {
                    Thread.sleep(30);
                    Path copyDir = tmp.resolve("copy-" + i);
                    CommitCopy.Copied copied = CommitCopy.copyLastCommit(src, copyDir);
                    try (TraceStore copy = LuceneTraceStore.openReadOnly(copyDir)) {
                        var saved = copy.checkpoint().correlatorState();
                        String state = saved == null ? "batches=0" : saved.text(); // the writer's initial empty commit
                        long batches = Long.parseLong(state.substring("batches=".length()));
                        seen.add(batches);
                        assertThat(copied.positions().containsKey("log") ? copied.positions().get("log").offset() : 0)
                                .isEqualTo(batches);
                        assertThat(copy.count(TraceQuery.all())).as("copy %d at %s", i, state).isEqualTo(batches * BATCH);
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
        assertThat(failure.get()).isNull();
        assertThat(seen).as("copies of a moving store").isSorted().allMatch(b -> b >= 2);
    }

    private static List<MessageTrace> batch(int batch) {
        List<MessageTrace> out = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String id = "b" + batch + "-" + i;
            out.add(new MessageTrace(id, Instant.parse("2026-10-01T00:00:00Z").plusSeconds(batch * 100L + i),
                    "s@example.net", "subject " + id, "<" + id + "@example.net>", null, null, List.of("mx1"),
                    List.of(), List.of(new org.mailtrace.model.RecipientOutcome("r@example.org",
                    org.mailtrace.model.DeliveryStatus.values()[0], null, null, null)), List.of(), List.of()));
        }
        return out;
    }
}
