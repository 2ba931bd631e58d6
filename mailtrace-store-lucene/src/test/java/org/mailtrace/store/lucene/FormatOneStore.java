package org.mailtrace.store.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.store.SavedState;
import org.mailtrace.store.SourcePosition;

/**
 * Writes the store of the previous release: format 1, i.e. this build's layout with no format in the
 * commit's user data. The result is kept in test resources ({@code format-1/}), so the test reads
 * files on disk rather than whatever this build would write today. Regenerate only if the fixture
 * must change: {@code java -cp ... org.mailtrace.store.lucene.FormatOneStore DIR}.
 */
final class FormatOneStore {
    static final String STATE = "{\"traces\":{},\"seq\":7}";
    static final SourcePosition POSITION = new SourcePosition("/var/log/mail.log", "fixture-inode", 1234L, 42L);

    private FormatOneStore() {
    }

    static List<MessageTrace> traces() {
        List<MessageTrace> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-10-01T08:00:00.5Z");
        for (int i = 0; i < 6; i++) {
            List<RecipientOutcome> rcpts = new ArrayList<>();
            for (int r = 0; r <= i % 3; r++) {
                rcpts.add(new RecipientOutcome("user" + r + "@example.org", DeliveryStatus.values()[(i + r) % 3],
                        "192.0.2." + (10 + r), Direction.values()[r % 3], null));
            }
            out.add(new MessageTrace("fixture-" + i, t0.plusSeconds(90L * i), "sender" + i + "@example.net",
                    "Fixture subject " + i, "<fixture-" + i + "@example.net>", "198.51.100." + i, 1000L + i,
                    List.of("mx1"), List.of("4F" + i), rcpts, List.of(), List.of()));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Files.createDirectories(data.resolve("index"));
        String stateFile = new StateFiles(data).write(SavedState.ofText(STATE));
        try (IndexWriter w = new IndexWriter(FSDirectory.open(data.resolve("index")),
                new IndexWriterConfig().setCodec(new TraceStoreCodec()))) {
            for (MessageTrace t : traces()) {
                w.addDocuments(TraceDocuments.toDocuments(t));
            }
            w.updateDocument(CheckpointCodec.KEY, CheckpointCodec.toDocument(Map.of("/var/log/mail.log", POSITION), stateFile));
            w.commit(); // no commit user data: format 1
        }
    }
}
