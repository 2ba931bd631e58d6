package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.TraceStoreContract;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceFixtures;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** Lucene-specific behaviour: locking, unusable directories, reopening, the on-disk layout. */
class LuceneStoreFailuresTest {
    private final LuceneTraceStoreFactory factory = new LuceneTraceStoreFactory();

    /** Through the factory, as {@code lucene:DIR}. */
    private TraceStore open(Path dir, boolean readOnly) {
        return factory.open(StoreLocation.ofDirectory(dir), StoreOptions.of(readOnly));
    }

    @Test
    void secondWriterGetsAStoreExceptionNamingTheDirectoryAndTheLock(@TempDir Path dir) {
        try (TraceStore first = open(dir, false)) {
            first.commit(List.of(TraceFixtures.trace("t1").build()), List.of(), null);
            assertThatThrownBy(() -> open(dir, false))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(dir.toAbsolutePath().toString())
                    .hasMessageContaining("writer lock")
                    .hasMessageContaining("read-only");
            try (TraceStore reader = open(dir, true)) {
                assertThat(reader.count(TraceQuery.all())).isEqualTo(1);
            }
        }
    }

    @Test
    void lockIsReleasedOnClose(@TempDir Path dir) {
        open(dir, false).close();
        try (TraceStore again = open(dir, false)) {
            assertThat(again.count(TraceQuery.all())).isZero();
        }
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsAStoreException(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path dataDir = file.resolve("store");
        assertThatThrownBy(() -> open(dataDir, false))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(dataDir.toString())
                .hasMessageContaining("opening the store for writing");
    }

    @Test
    void unwritableDataDirectoryIsAStoreExceptionSayingWhatToDo(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: file permissions are not enforced, nothing to test");
        Path dataDir = Files.createDirectory(dir.resolve("locked-down"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> open(dataDir, false))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(dataDir.toString())
                    .hasMessageContaining("permissions");
        } finally {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void reopeningAfterCloseKeepsTracesAndCheckpoint(@TempDir Path dir) {
        MessageTrace t = TraceFixtures.trace("t1").build();
        IngestCheckpoint cp = new IngestCheckpoint(Map.of("m", new SourcePosition("m", "ino=1", 42, 3)), "state");
        try (TraceStore store = open(dir, false)) {
            store.commit(List.of(t), List.of(), cp);
        }
        try (TraceStore store = open(dir, false)) {
            assertThat(store.get("t1")).contains(t);
            TraceStoreContract.assertSameCheckpoint(store.checkpoint(), cp);
            assertThat(store.search(TraceQuery.all(), null, 10).rows()).containsExactlyElementsOf(t.rows());
        }
        assertThat(dir.resolve("index")).isDirectory();
    }

    @Test
    void readOnlyOpenOfAnAbsentDirectoryCreatesNothing(@TempDir Path dir) {
        Path absent = dir.resolve("absent");
        try (TraceStore reader = open(absent, true)) {
            assertThat(reader.count(TraceQuery.all())).isZero();
        }
        assertThat(absent).doesNotExist();
    }

    @Test
    void aStagedBatchThatFailsInTheBackgroundFailsTheNextCommitAsAWhole(@TempDir Path dir) {
        IngestCheckpoint cp = new IngestCheckpoint(Map.of(), "before");
        MessageTrace broken = new MessageTrace("broken", null, "a@x.org", null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of());
        try (TraceStore store = open(dir, false)) {
            store.commit(List.of(TraceFixtures.trace("t1").build()), List.of(), cp);
            store.stage(List.of(TraceFixtures.trace("t2").build(), broken), List.of("t1"));
            assertThatThrownBy(() -> store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "after")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("last successful commit is intact");

            assertThat(store.get("t1")).isPresent();
            assertThat(store.get("t2")).isEmpty();
            TraceStoreContract.assertSameCheckpoint(store.checkpoint(), cp);
            store.stage(List.of(TraceFixtures.trace("t3").build()), List.of());
            store.commit(List.of(), List.of(), null);
            assertThat(store.get("t3")).isPresent();
        }
    }

    @Test
    void aBackgroundCommitIsDurableWithItsCheckpointOnceAwaitedAndKeepsOnlyItsStateFile(@TempDir Path dir) throws Exception {
        IngestCheckpoint first = new IngestCheckpoint(Map.of(), "first");
        IngestCheckpoint second = new IngestCheckpoint(Map.of(), "second");
        try (TraceStore store = open(dir, false)) {
            store.stage(List.of(TraceFixtures.trace("t1").build()), List.of());
            store.commitInBackground(List.of(TraceFixtures.trace("t2").build()), List.of(), first);
            store.commitInBackground(List.of(TraceFixtures.trace("t3").build()), List.of("t1"), second);
            store.awaitCommits();
            assertThat(store.get("t1")).isEmpty();
            assertThat(store.get("t2")).isPresent();
            assertThat(store.get("t3")).isPresent();
            TraceStoreContract.assertSameCheckpoint(store.checkpoint(), second);
        }
        try (var files = java.nio.file.Files.list(dir.resolve("state"))) {
            assertThat(files.toList()).hasSize(1);
        }
        try (TraceStore reopened = open(dir, true)) {
            assertThat(reopened.count(TraceQuery.all())).isEqualTo(2);
            TraceStoreContract.assertSameCheckpoint(reopened.checkpoint(), second);
        }
    }

    @Test
    void aFailedBackgroundCommitFailsEveryLaterWriteSoNothingAfterItBecomesDurable(@TempDir Path dir) {
        IngestCheckpoint cp = new IngestCheckpoint(Map.of(), "before");
        MessageTrace broken = new MessageTrace("broken", null, "a@x.org", null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of());
        try (TraceStore store = open(dir, false)) {
            store.commit(List.of(TraceFixtures.trace("t1").build()), List.of(), cp);
            store.commitInBackground(List.of(TraceFixtures.trace("t2").build(), broken), List.of(),
                    new IngestCheckpoint(Map.of(), "lost"));
            assertThatThrownBy(store::awaitCommits).isInstanceOf(StoreException.class)
                    .hasMessageContaining("in the background");
            assertThatThrownBy(() -> store.commit(List.of(TraceFixtures.trace("t3").build()), List.of(),
                    new IngestCheckpoint(Map.of(), "after")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("resume from that commit");
            assertThatThrownBy(() -> store.stage(List.of(TraceFixtures.trace("t4").build()), List.of()))
                    .isInstanceOf(StoreException.class);
        }
        try (TraceStore reopened = open(dir, false)) {
            assertThat(reopened.get("t1")).isPresent();
            assertThat(reopened.get("t2")).isEmpty();
            assertThat(reopened.get("t3")).isEmpty();
            TraceStoreContract.assertSameCheckpoint(reopened.checkpoint(), cp);
            reopened.commit(List.of(TraceFixtures.trace("t5").build()), List.of(), null);
            assertThat(reopened.get("t5")).isPresent();
        }
    }

    @Test
    void failedCommitLeavesThePreviousCommitAndTheStoreUsable(@TempDir Path dir) {
        IngestCheckpoint cp = new IngestCheckpoint(Map.of(), "before");
        MessageTrace broken = new MessageTrace("broken", null, "a@x.org", null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of());
        try (TraceStore store = open(dir, false)) {
            store.commit(List.of(TraceFixtures.trace("t1").build()), List.of(), cp);
            assertThatThrownBy(() -> store.commit(List.of(TraceFixtures.trace("t2").build(), broken), List.of("t1"),
                    new IngestCheckpoint(Map.of(), "after")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(dir.toAbsolutePath().toString())
                    .hasMessageContaining("last successful commit is intact");

            assertThat(store.get("t1")).isPresent();
            assertThat(store.get("t2")).isEmpty();
            TraceStoreContract.assertSameCheckpoint(store.checkpoint(), cp);
            store.commit(List.of(TraceFixtures.trace("t3").build()), List.of(), null);
            assertThat(store.count(TraceQuery.all())).isEqualTo(2);
        }
        try (TraceStore reopened = open(dir, true)) {
            assertThat(reopened.get("t2")).isEmpty();
            assertThat(reopened.get("t3")).isPresent();
        }
    }

    @Test
    void absurdlyLongValuesAreStoredWholeAndDoNotFailTheCommit(@TempDir Path dir) {
        String longId = "<" + "m".repeat(40_000) + "@x>";
        MessageTrace t = TraceFixtures.trace("long").messageId(longId).subject("s".repeat(50_000))
                .sender("a".repeat(40_000) + "@x.org").build();
        try (TraceStore store = open(dir, false)) {
            store.commit(List.of(t), List.of(), null);
            assertThat(store.get("long")).contains(t);
            assertThat(store.count(TraceQuery.builder().senders(List.of("*@x.org")).build())).isEqualTo(1);
        }
    }

    @Test
    void closedStoreRefusesSearchesWithAStoreException(@TempDir Path dir) {
        TraceStore store = open(dir, false);
        store.close();
        assertThatThrownBy(() -> store.count(TraceQuery.all()))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
}
