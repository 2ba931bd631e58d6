package org.mailtrace.e2e;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one trace row of a case must look like, written from what Postfix did, not from what the
 * product printed: envelope sender ("" for the null sender of bounces), recipient, final status,
 * events that must appear in the row's trace (others may too), and optionally the least number of
 * queue IDs the trace must have linked.
 */
@JsonPropertyOrder({"sender", "recipient", "status", "events", "queueIds"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectedRow(String sender, String recipient, String status, List<String> events, Integer queueIds) {

    public ExpectedRow {
        events = List.copyOf(events);
    }

    static ExpectedRow row(String sender, String recipient, String status, String... events) {
        return new ExpectedRow(sender, recipient, status, List.of(events), null);
    }

    /** The same row, requiring at least {@code count} linked queue IDs. */
    ExpectedRow withQueueIds(int count) {
        return new ExpectedRow(sender, recipient, status, events, count);
    }

    /** The identity of the row inside one case: sender and recipient, case-insensitive. */
    String key() {
        return (sender + " -> " + recipient).toLowerCase(java.util.Locale.ROOT);
    }
}
