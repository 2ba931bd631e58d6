package org.mailtrace.correlate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;

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
import org.mailtrace.event.QueueEntry;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpdDecision;
import org.mailtrace.json.TraceJson;

/**
 * The snapshot's JSON mapping: the shared {@link TraceJson} mapper plus type names for the sealed
 * {@link MailEvent} family (added as a mix-in so the event package stays free of Jackson).
 */
final class StateJson {

    /**
     * Every event type a snapshot may hold; its {@code @type} in the snapshot is the simple class
     * name, so renaming an event class changes the snapshot format (bump the snapshot version).
     * A test checks this list against {@link MailEvent}'s {@code permits}.
     */
    static final List<Class<? extends MailEvent>> EVENT_TYPES = List.of(
            SmtpConnect.class, SmtpDisconnect.class, QueuedFromClient.class, SmtpdDecision.class,
            MessageIdSeen.class, ContentDecision.class, LocalSubmission.class, QueueEntry.class,
            QueueRemoved.class, QueueExpired.class, DeliveryAttempt.class, DeliveryNote.class,
            NotificationQueued.class, QueueAdminAction.class, FilterVerdict.class);

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

    // Nulls are left out (most optional fields of events and parts are null): a smaller state to
    // write at every commit; reading gives the missing fields their null back.
    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = TraceJson.mapper().copy()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(MailEvent.class, MailEventMixin.class)
                .addMixIn(LineMeta.class, LineMetaMixin.class)
                .addMixIn(QueueAction.class, QueueActionMixin.class);
        for (Class<? extends MailEvent> type : EVENT_TYPES) {
            m.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
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
