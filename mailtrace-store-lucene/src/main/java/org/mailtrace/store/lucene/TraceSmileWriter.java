package org.mailtrace.store.lucene;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;

/**
 * Writes a {@link MessageTrace} as the Smile {@link StoredTrace} reads back with its object mapper:
 * the same property names, nulls left out, instants as ISO-8601 strings, enums by name. By hand
 * rather than through the mapper because the indexing thread spent about a fifth of its time in
 * Jackson's generic bean and map serializers; the bytes are the same (a test holds both to that).
 *
 * <p>One instance per thread: it reuses its output buffer.
 */
final class TraceSmileWriter {
    private final SmileFactory factory;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(16 * 1024);
    private final IsoInstants instants = new IsoInstants();

    TraceSmileWriter(SmileFactory factory) {
        this.factory = factory;
    }

    byte[] write(MessageTrace t) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            string(g, "messageTraceId", t.messageTraceId());
            instant(g, "received", t.received());
            string(g, "senderAddress", t.senderAddress());
            string(g, "subject", t.subject());
            string(g, "messageId", t.messageId());
            string(g, "fromIp", t.fromIp());
            if (t.size() != null) {
                g.writeNumberField("size", t.size());
            }
            strings(g, "hosts", t.hosts());
            strings(g, "queueIds", t.queueIds());
            g.writeArrayFieldStart("recipients");
            for (RecipientOutcome r : t.recipients()) {
                g.writeStartObject();
                string(g, "recipientAddress", r.recipientAddress());
                string(g, "status", r.status() == null ? null : r.status().name());
                string(g, "toIp", r.toIp());
                string(g, "direction", r.direction() == null ? null : r.direction().name());
                string(g, "expandedFrom", r.expandedFrom());
                nonEmpty(g, "finalRecipients", r.finalRecipients());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (TraceEvent e : t.events()) {
                event(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("related");
            for (RelatedTrace r : t.related()) {
                g.writeStartObject();
                string(g, "messageTraceId", r.messageTraceId());
                string(g, "relation", r.relation());
                g.writeEndObject();
            }
            g.writeEndArray();
            nonEmpty(g, "alternateSenders", t.alternateSenders());
            nonEmpty(g, "alternateMessageIds", t.alternateMessageIds());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(t.messageTraceId() + ": cannot encode the trace for the store", e);
        }
        return buffer.toByteArray();
    }

    private void event(JsonGenerator g, TraceEvent e) throws IOException {
        g.writeStartObject();
        instant(g, "date", e.date());
        string(g, "event", e.event() == null ? null : e.event().name());
        string(g, "action", e.action());
        string(g, "detail", e.detail());
        string(g, "recipientAddress", e.recipientAddress());
        if (e.data() != null) {
            g.writeObjectFieldStart("data");
            for (Map.Entry<String, String> d : e.data().entrySet()) {
                string(g, d.getKey(), d.getValue()); // null values left out, as the mapper's NON_NULL does
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            // ISO_INSTANT (Instant.toString), the format the mapper's InstantSerializer writes and reads.
            g.writeStringField(name, instants.format(value));
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    /** Left out when empty, as the mapper's NON_EMPTY on these properties does. */
    private static void nonEmpty(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            strings(g, name, values);
        }
    }

    /** The factory settings both this writer and the reading mapper use. */
    static SmileFactory factory() {
        return new SmileFactory().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES);
    }
}
