package org.mailtrace.correlate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAction;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.json.TraceJson;

/**
 * The snapshot's JSON mapping: the shared {@link TraceJson} mapper plus type names for the sealed
 * {@link MailEvent} family (added as a mix-in so the event package stays free of Jackson).
 */
final class StateJson {

    /**
     * Every event type a snapshot may hold, with its {@code @type} in the snapshot. The names are
     * written out, not taken from the class: two event classes were renamed to neutral names
     * ({@code SmtpDecision}, {@code EnvelopeSeen}) after snapshots named them by their Postfix-era
     * names, which stay the saved names so older snapshots read as they are. A test checks this
     * table against {@link MailEvent}'s {@code permits}.
     */
    static final Map<Class<? extends MailEvent>, String> EVENT_TYPES = eventTypes();

    private static Map<Class<? extends MailEvent>, String> eventTypes() {
        Map<Class<? extends MailEvent>, String> m = new LinkedHashMap<>();
        m.put(SmtpConnect.class, "SmtpConnect");
        m.put(SmtpDisconnect.class, "SmtpDisconnect");
        m.put(QueuedFromClient.class, "QueuedFromClient");
        m.put(SmtpDecision.class, "SmtpdDecision");
        m.put(MessageIdSeen.class, "MessageIdSeen");
        m.put(ContentDecision.class, "ContentDecision");
        m.put(LocalSubmission.class, "LocalSubmission");
        m.put(EnvelopeSeen.class, "QueueEntry");
        m.put(QueueRemoved.class, "QueueRemoved");
        m.put(QueueExpired.class, "QueueExpired");
        m.put(DeliveryAttempt.class, "DeliveryAttempt");
        m.put(DeliveryNote.class, "DeliveryNote");
        m.put(NotificationQueued.class, "NotificationQueued");
        m.put(QueueAdminAction.class, "QueueAdminAction");
        m.put(FilterVerdict.class, "FilterVerdict");
        return Collections.unmodifiableMap(m);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private interface MailEventMixin {
    }

    /** A queue action is saved as its word ({@code hold}), as it was when it was a string. */
    private interface QueueActionMixin {
        @JsonValue
        String word();
    }

    /** Where a line was read is diagnostics only: nothing rebuilt from a fact uses it, so it is not saved. */
    @JsonIgnoreProperties(value = "source", allowGetters = false)
    private interface LineMetaMixin {
    }

    /**
     * A queue ID as snapshot version 1 saved it (and version 2 still does):
     * {@code {"value":"3F1B6C0423","long":false}}. The {@code long} flag (not a short hex Postfix ID)
     * was a getter of the old Postfix-only QueueId; it is still written so snapshots keep their bytes,
     * and ignored when read (unknown fields are).
     */
    private static final class QueueIdWriter extends StdSerializer<QueueId> {
        QueueIdWriter() {
            super(QueueId.class);
        }

        @Override
        public void serialize(QueueId id, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeStringField("value", id.value());
            g.writeBooleanField("long", !isShortHex(id.value()));
            g.writeEndObject();
        }

        private static boolean isShortHex(String v) {
            if (v.length() < 6 || v.length() > 15) {
                return false;
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                    return false;
                }
            }
            return true;
        }
    }

    // Nulls are left out (most optional fields of events and parts are null): a smaller state to
    // write at every commit; reading gives the missing fields their null back.
    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = TraceJson.mapper().copy()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(MailEvent.class, MailEventMixin.class)
                .addMixIn(LineMeta.class, LineMetaMixin.class)
                .addMixIn(QueueAction.class, QueueActionMixin.class)
                .registerModule(new SimpleModule("queue-id").addSerializer(QueueId.class, new QueueIdWriter()));
        EVENT_TYPES.forEach((type, name) -> m.registerSubtypes(new NamedType(type, name)));
        return m;
    }

    private StateJson() {
    }

    static String write(CorrelationState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("correlator snapshot: cannot serialise state: " + e.getMessage(), e);
        }
    }

    /** Streams the state as UTF-8 JSON; leaves {@code out} open. */
    static void write(CorrelationState state, OutputStream out) throws IOException {
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, state);
    }

    /** Reads a state written by {@link #write(CorrelationState, OutputStream)}. */
    static CorrelationState read(InputStream in) throws IOException {
        try {
            CorrelationState state = MAPPER.readValue(in, CorrelationState.class);
            state.reindex();
            return state;
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    /** A snapshot of an unknown version says so; anything else is unreadable JSON. */
    private static IllegalArgumentException unreadable(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CorrelationState.SnapshotVersionException v) {
                return new IllegalArgumentException(v.getMessage(), e);
            }
        }
        return new IllegalArgumentException("correlator snapshot: unreadable: " + e.getOriginalMessage(), e);
    }

    static CorrelationState read(String json) {
        try {
            CorrelationState state = MAPPER.readValue(json, CorrelationState.class);
            state.reindex();
            return state;
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }
}
