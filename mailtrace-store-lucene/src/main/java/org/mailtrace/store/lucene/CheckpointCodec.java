package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.IngestCheckpoint;

/**
 * The ingest checkpoint as a single "checkpoint" document. A document rather than commit user data
 * because the correlator state can be megabytes, and because replacing it with
 * {@code updateDocument} in the same commit as the traces makes the two atomic for free.
 */
final class CheckpointCodec {
    /** The key that keeps exactly one checkpoint document. */
    static final Term KEY = new Term(TraceFields.KIND, TraceFields.CHECKPOINT);

    private CheckpointCodec() {
    }

    static Document toDocument(IngestCheckpoint checkpoint) {
        Document doc = new Document();
        doc.add(new StringField(TraceFields.KIND, TraceFields.CHECKPOINT, Field.Store.NO));
        try {
            doc.add(new StoredField(TraceFields.CHECKPOINT_JSON, TraceJson.mapper().writeValueAsString(checkpoint)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the ingest checkpoint", e);
        }
        return doc;
    }

    static IngestCheckpoint fromDocument(Document doc) {
        String json = doc.get(TraceFields.CHECKPOINT_JSON);
        if (json == null) {
            return IngestCheckpoint.empty();
        }
        try {
            return TraceJson.mapper().readValue(json, IngestCheckpoint.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored ingest checkpoint", e);
        }
    }
}
