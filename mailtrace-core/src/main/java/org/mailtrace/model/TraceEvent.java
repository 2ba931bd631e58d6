package org.mailtrace.model;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a message, for one recipient or (recipientAddress null) for all of it.
 *
 * @param date             when it was logged, UTC
 * @param event            the kind of event
 * @param action           short: which rule or agent acted ("smtp", "header_checks", "milter", "local")
 * @param detail           human words, with the SMTP reply and DSN code and what that code means
 * @param recipientAddress the recipient it concerns, or null when it concerns the whole message
 * @param data             raw facts: host, queueId, relay, dsn, delays, client, helo, sasl user...
 */
public record TraceEvent(Instant date, EventType event, String action, String detail,
                         String recipientAddress, Map<String, String> data) {
    public TraceEvent {
        // Sorted and stable: Map.copyOf would iterate in a per-JVM random order and make output differ run to run.
        data = EventData.copyOf(data);
    }

    /** True when the event is about this recipient (case-insensitive) or about the whole message. */
    public boolean concerns(String recipient) {
        return recipientAddress == null || recipientAddress.equalsIgnoreCase(recipient);
    }
}
