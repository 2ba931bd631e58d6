package org.mailtrace.store;

import java.util.Map;

/**
 * Everything needed to resume ingest exactly where the last commit left it.
 *
 * @param positions        per source name, how far it was read
 * @param correlatorState  the correlator's open-message state, serialised by the correlator; opaque here
 */
public record IngestCheckpoint(Map<String, SourcePosition> positions, String correlatorState) {
    public IngestCheckpoint {
        positions = Map.copyOf(positions);
    }

    public static IngestCheckpoint empty() {
        return new IngestCheckpoint(Map.of(), null);
    }
}
