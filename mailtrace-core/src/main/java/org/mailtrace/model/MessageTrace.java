package org.mailtrace.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message across all its queue IDs and hops on the hosts we read: its envelope and header facts,
 * one outcome per recipient, the full event timeline and links to related traces.
 *
 * <p>Immutable; the correlator builds a new one each time the message changes. Field names follow
 * Get-MessageTraceV2 in camelCase (docs/product.md).
 *
 * @param messageTraceId stable UUID, derived deterministically from the first line that created it,
 *                       so re-reading the same log yields the same ID
 * @param received       when our first host accepted (or refused) it, UTC
 * @param senderAddress  envelope sender; empty string for the null sender {@code <>}
 * @param subject        when the log carries it (header_checks INFO/WARN and the like), else null
 * @param messageId      the Message-ID header with angle brackets, or null
 * @param fromIp         the client that handed it to us, or null
 * @param size           bytes, or null when not logged
 * @param hosts          MTA hosts that logged it, in order of first appearance
 * @param queueIds       every queue ID linked into this trace, in order of first appearance
 * @param recipients     one entry per envelope recipient (and per expansion member)
 * @param events         the timeline, oldest first
 * @param related        links to notifications, forwarded copies and the like
 * @param alternateSenders    other forms of the envelope sender the message's lines state: as first
 *                            given where a rewrite changed it (pickup's {@code root} before
 *                            {@code myorigin}), as a later hop re-queued it. A sender search finds them.
 * @param alternateMessageIds other Message-IDs its queue files had (a later hop that added or
 *                            repaired a missing or corrupted one). A Message-ID search finds them.
 */
public record MessageTrace(String messageTraceId, Instant received, String senderAddress, String subject,
                           String messageId, String fromIp, Long size, List<String> hosts,
                           List<String> queueIds, List<RecipientOutcome> recipients,
                           List<TraceEvent> events, List<RelatedTrace> related,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alternateSenders,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alternateMessageIds) {
    public MessageTrace {
        hosts = List.copyOf(hosts);
        queueIds = List.copyOf(queueIds);
        recipients = List.copyOf(recipients);
        events = List.copyOf(events);
        related = List.copyOf(related);
        alternateSenders = alternateSenders == null ? List.of() : List.copyOf(alternateSenders);
        alternateMessageIds = alternateMessageIds == null ? List.of() : List.copyOf(alternateMessageIds);
    }

    /** A trace known by one sender and one Message-ID only. */
    public MessageTrace(String messageTraceId, Instant received, String senderAddress, String subject,
                        String messageId, String fromIp, Long size, List<String> hosts, List<String> queueIds,
                        List<RecipientOutcome> recipients, List<TraceEvent> events, List<RelatedTrace> related) {
        this(messageTraceId, received, senderAddress, subject, messageId, fromIp, size, hosts, queueIds, recipients,
                events, related, List.of(), List.of());
    }

    /** The search rows of this trace: one per recipient (one with an empty recipient when it has none). */
    public List<TraceRow> rows() {
        List<TraceRow> rows = new ArrayList<>();
        for (RecipientOutcome r : recipients) {
            rows.add(new TraceRow(received, senderAddress, r.recipientAddress(), subject, r.status(),
                    messageId, messageTraceId, fromIp, r.toIp(), size, r.direction(), hosts, queueIds,
                    r.finalRecipients()));
        }
        if (rows.isEmpty()) {
            // Refused before any recipient was named (CONNECT/HELO/MAIL rejects): still searchable.
            rows.add(new TraceRow(received, senderAddress, "", subject, DeliveryStatus.GettingStatus,
                    messageId, messageTraceId, fromIp, null, size, null, hosts, queueIds));
        }
        return rows;
    }

    /** The events that concern one recipient: its own plus those about the whole message. */
    public List<TraceEvent> eventsFor(String recipientAddress) {
        List<TraceEvent> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e.concerns(recipientAddress)) {
                out.add(e);
            }
        }
        return out;
    }
}
