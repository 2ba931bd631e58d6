package org.mailtrace.store;

import java.util.Map;

/**
 * Everything needed to resume ingest exactly where the last commit left it.
 *
 * @param positions        per source name, how far it was read
 * @param correlatorState  the correlator's open-message state, written by the correlator; opaque
 *                         here, or null when there is none
 */
public record IngestCheckpoint(Map<String, SourcePosition> positions, SavedState correlatorState) {
    public IngestCheckpoint {
        positions = Map.copyOf(positions);
    }

    /** A checkpoint whose state is this text (UTF-8), or null: for tests and small states. */
    public IngestCheckpoint(Map<String, SourcePosition> positions, String correlatorState) {
        this(positions, correlatorState == null ? null : SavedState.ofText(correlatorState));
    }

    public static IngestCheckpoint empty() {
        return new IngestCheckpoint(Map.of(), (SavedState) null);
    }
}
