package org.mailtrace.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceReader;

/**
 * The one query service behind every edge (CLI, REST API, console): searches rows and assembles
 * trace details with their related traces, so all edges answer alike.
 */
public final class TraceService {
    private final TraceReader store;

    public TraceService(TraceReader store) {
        this.store = store;
    }

    public TracePage search(TraceQuery query, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return store.search(query, cursor, limit);
    }

    /**
     * The detail of one trace; with {@code recipient}, only that recipient's row and events (plus the
     * events about the whole message). Empty when the trace does not exist, or the recipient is not in it.
     */
    public Optional<TraceDetail> detail(String messageTraceId, String recipient) {
        Optional<MessageTrace> found = store.get(messageTraceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MessageTrace t = found.get();
        List<RecipientOutcome> rows = t.recipients();
        List<TraceEvent> events = t.events();
        if (recipient != null && !recipient.isBlank()) {
            rows = rows.stream().filter(r -> r.recipientAddress().equalsIgnoreCase(recipient)).toList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            events = t.eventsFor(recipient);
        }
        return Optional.of(new TraceDetail(t.messageTraceId(), t.received(), t.senderAddress(), t.subject(),
                t.messageId(), t.fromIp(), t.size(), t.hosts(), t.queueIds(), rows, events, related(t)));
    }

    /** The trace's own links, then other traces with the same Message-ID, without duplicates. */
    private List<RelatedTrace> related(MessageTrace t) {
        Map<String, RelatedTrace> out = new LinkedHashMap<>();
        for (RelatedTrace r : t.related()) {
            out.putIfAbsent(r.messageTraceId(), r);
        }
        if (t.messageId() != null && !t.messageId().isBlank()) {
            for (MessageTrace other : store.findByMessageId(t.messageId())) {
                if (!other.messageTraceId().equals(t.messageTraceId())) {
                    out.putIfAbsent(other.messageTraceId(), new RelatedTrace(other.messageTraceId(), RelatedTrace.SAME_MESSAGE_ID));
                }
            }
        }
        return new ArrayList<>(out.values());
    }
}
