package org.mailtrace.store.lucene;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.util.BytesRef;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.MessageTrace;

/**
 * The whole trace as the trace document stores it, for {@code get} and for rows that cannot be
 * built from doc values. Written as Smile, Jackson's binary JSON: the same fields and values as
 * {@link TraceJson}, but field names and short repeated values (hosts, programs, queue IDs) are
 * written once per trace and referenced after, nulls are left out. Against plain JSON that is a
 * smaller input for the stored-field compression ({@link FastDeflateMode}) and a smaller store.
 * Stores written before hold plain JSON in {@link TraceFields#JSON}; both are read.
 */
final class StoredTrace {
    /** The stored fields to load for {@link #read}: the current one and the one older stores have. */
    static final Set<String> FIELDS = Set.of(TraceFields.STORED_TRACE, TraceFields.JSON);

    private static final SmileFactory FACTORY = TraceSmileWriter.factory();
    /** Reads every stored trace; writes none (see {@link #writtenByMapper}), {@link TraceSmileWriter} does. */
    private static final ObjectMapper SMILE = new ObjectMapper(FACTORY)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final ThreadLocal<TraceSmileWriter> WRITERS = ThreadLocal.withInitial(() -> new TraceSmileWriter(FACTORY));

    private StoredTrace() {
    }

    static StoredField field(MessageTrace trace) {
        return new StoredField(TraceFields.STORED_TRACE, new BytesRef(WRITERS.get().write(trace)));
    }

    /** The trace as the object mapper writes it; {@link #field} must write the same bytes. */
    static byte[] writtenByMapper(MessageTrace trace) throws IOException {
        return SMILE.writeValueAsBytes(trace);
    }

    /**
     * @param doc a trace document loaded with {@link #FIELDS}
     * @throws IllegalStateException when it has neither field (a damaged index)
     */
    static MessageTrace read(Document doc) {
        BytesRef smile = doc.getBinaryValue(TraceFields.STORED_TRACE);
        try {
            if (smile != null) {
                return SMILE.readValue(smile.bytes, smile.offset, smile.length, MessageTrace.class);
            }
            String json = doc.get(TraceFields.JSON);
            if (json != null) {
                return TraceJson.mapper().readValue(json, MessageTrace.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a stored trace (" + (smile != null ? "Smile, " + smile.length
                    : "JSON") + " bytes)", e);
        }
        throw new IllegalStateException("a trace document has no stored trace: the index is damaged");
    }
}
