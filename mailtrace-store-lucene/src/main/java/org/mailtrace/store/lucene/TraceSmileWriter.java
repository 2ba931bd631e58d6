package org.mailtrace.store.lucene;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /** Longest value {@link #value} hands over as bytes; far below a third of the generator's 8,000-byte buffer. */
    static final int DIRECT_MAX_CHARS = 2000;

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
            g.writeFieldName(name);
            value(g, value);
        }
    }

    /**
     * An ASCII value as UTF-8 bytes the JDK encodes ({@code String.getBytes}, a plain copy), which
     * the generator then copies: under the C1-only JIT of a one-shot ingest its own encoder, char
     * by char, was most of the cost of writing a trace. The bytes written are the same as
     * {@code writeString(String)}'s, token and shared-value back-references included: for an
     * ASCII value the generator treats both alike up to {@link #DIRECT_MAX_CHARS} chars (past
     * about a third of its buffer, writeString marks a long ASCII value as Unicode). Anything else
     * (non-ASCII, longer) goes to {@code writeString(String)} as before.
     */
    private static void value(JsonGenerator g, String value) throws IOException {
        int length = value.length();
        if (length > 0 && length <= DIRECT_MAX_CHARS) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length == length && isAscii(value, utf8)) {
                g.writeString(new Utf8Value(value, utf8));
                return;
            }
        }
        g.writeString(value);
    }

    /**
     * Whether one UTF-8 byte per char means ASCII: a lone surrogate also encodes as one byte, '?',
     * where the generator's own encoder fails instead.
     */
    private static boolean isAscii(String value, byte[] utf8) {
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && value.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    /**
     * A value with its UTF-8 bytes already made (the ones {@link SerializedString} would compute):
     * the generator asks for them through {@code asUnquotedUTF8}.
     */
    private static final class Utf8Value extends SerializedString {
        Utf8Value(String value, byte[] utf8) {
            super(value);
            _unquotedUTF8Ref = utf8;
        }
    }

    private void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            // ISO_INSTANT (Instant.toString), the format the mapper's InstantSerializer writes and reads.
            string(g, name, instants.format(value));
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                if (v == null) {
                    g.writeNull();
                } else {
                    value(g, v);
                }
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
