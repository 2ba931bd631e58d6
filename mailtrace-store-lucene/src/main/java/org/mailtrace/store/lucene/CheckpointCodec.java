package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SavedState;
import org.mailtrace.store.SourcePosition;

/**
 * The ingest checkpoint as a single small "checkpoint" document: the source positions and the name
 * of the {@link StateFiles} generation holding the correlator state. Replacing it with
 * {@code updateDocument} in the same commit as the traces makes the two atomic.
 */
final class CheckpointCodec {
    /** The key that keeps exactly one checkpoint document. */
    static final Term KEY = new Term(TraceFields.KIND, TraceFields.CHECKPOINT);

    /** What the document stores: positions, and the state file name or null. */
    record Stored(Map<String, SourcePosition> positions, String stateFile) {
    }

    private CheckpointCodec() {
    }

    static Document toDocument(Map<String, SourcePosition> positions, String stateFile) {
        Document doc = new Document();
        doc.add(new StringField(TraceFields.KIND, TraceFields.CHECKPOINT, Field.Store.NO));
        try {
            doc.add(new StoredField(TraceFields.CHECKPOINT_JSON,
                    TraceJson.mapper().writeValueAsString(new Stored(positions, stateFile))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the ingest checkpoint", e);
        }
        return doc;
    }

    static IngestCheckpoint fromDocument(Document doc, StateFiles states) {
        String json = doc.get(TraceFields.CHECKPOINT_JSON);
        if (json == null) {
            return IngestCheckpoint.empty();
        }
        try {
            Stored stored = TraceJson.mapper().readValue(json, Stored.class);
            SavedState state = stored.stateFile() == null ? null : states.read(stored.stateFile());
            return new IngestCheckpoint(stored.positions() == null ? Map.of() : stored.positions(), state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored ingest checkpoint", e);
        }
    }
}
