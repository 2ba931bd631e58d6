package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SavedState;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.TraceStore;

/** The correlator state lives in generation files beside the index, one per committed checkpoint. */
class StateFilesTest {

    @Test
    void onlyTheGenerationOfTheLastCheckpointStaysOnDisk(@TempDir Path dir) throws IOException {
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            for (int i = 1; i <= 3; i++) {
                store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "state-" + i));
            }
            assertThat(stateFiles(dir)).containsExactly("3.json.gz");
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("state-3");
        }
    }

    @Test
    void aStateThatFailsToWriteFailsTheCommitAndLeavesThePreviousOne(@TempDir Path dir) throws IOException {
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "good"));
            SavedState failing = out -> {
                out.write("partial".getBytes());
                throw new IOException("disk full");
            };
            assertThatThrownBy(() -> store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), failing)))
                    .isInstanceOf(StoreException.class);
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("good");
            assertThat(stateFiles(dir)).containsExactly("1.json.gz");
        }
    }

    @Test
    void aGenerationLeftByACrashBeforeTheCommitIsIgnoredThenRemoved(@TempDir Path dir) throws IOException {
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "committed"));
        }
        Files.write(dir.resolve("state").resolve("2.json.gz"), new byte[] {1, 2, 3}); // written, never committed
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("committed");
            store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "next"));
            assertThat(stateFiles(dir)).containsExactly("3.json.gz");
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("next");
        }
    }

    private static List<String> stateFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
