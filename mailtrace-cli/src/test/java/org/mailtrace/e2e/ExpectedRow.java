package org.mailtrace.e2e;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What one trace row of a case must look like, written from what Postfix did, not from what the
 * product printed: envelope sender ("" for the null sender of bounces), recipient, final status,
 * events that must appear in the row's trace (others may too), and optionally the least number of
 * queue IDs the trace must have linked, the client IP the message came from ({@code fromIp}) and
 * the addresses an address redirected to exactly one other was finally delivered to
 * ({@code finalRecipients}), and a label naming the trace the row belongs to ({@code trace}): rows
 * with the same label must share one trace, rows with different labels must not. Optional parts
 * are null when the case does not check them.
 */
@JsonPropertyOrder({"sender", "recipient", "status", "events", "queueIds", "fromIp", "finalRecipients", "trace"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectedRow(String sender, String recipient, String status, List<String> events, Integer queueIds,
                          String fromIp, List<String> finalRecipients, String trace) {

    public ExpectedRow {
        events = List.copyOf(events);
        finalRecipients = finalRecipients == null ? null : List.copyOf(finalRecipients);
    }

    static ExpectedRow row(String sender, String recipient, String status, String... events) {
        return new ExpectedRow(sender, recipient, status, List.of(events), null, null, null, null);
    }

    /** The same row, requiring at least {@code count} linked queue IDs. */
    ExpectedRow withQueueIds(int count) {
        return new ExpectedRow(sender, recipient, status, events, count, fromIp, finalRecipients, trace);
    }

    /** The same row, requiring the row's {@code fromIp} to be {@code ip} (the original client, also behind a proxy). */
    ExpectedRow withFromIp(String ip) {
        return new ExpectedRow(sender, recipient, status, events, queueIds, ip, finalRecipients, trace);
    }

    /** The same row, requiring its {@code finalRecipients} to be exactly these addresses (any order, any case). */
    ExpectedRow withFinalRecipients(String... addresses) {
        return new ExpectedRow(sender, recipient, status, events, queueIds, fromIp, List.of(addresses), trace);
    }

    /** The same row, in the trace called {@code label} inside its case (see {@code trace} above). */
    ExpectedRow inTrace(String label) {
        return new ExpectedRow(sender, recipient, status, events, queueIds, fromIp, finalRecipients, label);
    }

    /** The identity of the row inside one case: sender and recipient, case-insensitive. */
    String key() {
        return (sender + " -> " + recipient).toLowerCase(java.util.Locale.ROOT);
    }
}
