package org.mailtrace.model;

import java.time.Instant;
import java.util.List;

/**
 * One message x one recipient: what a search returns. Field names follow Get-MessageTraceV2, plus
 * {@code finalRecipients}: where the mail for {@code recipientAddress} went when that is another
 * address (see {@link RecipientOutcome#finalRecipients()}), empty otherwise.
 */
public record TraceRow(Instant received, String senderAddress, String recipientAddress, String subject,
                       DeliveryStatus status, String messageId, String messageTraceId, String fromIp,
                       String toIp, Long size, Direction direction, List<String> hosts, List<String> queueIds,
                       List<String> finalRecipients) {
    public TraceRow {
        hosts = List.copyOf(hosts);
        queueIds = List.copyOf(queueIds);
        finalRecipients = finalRecipients == null ? List.of() : List.copyOf(finalRecipients);
    }

    public TraceRow(Instant received, String senderAddress, String recipientAddress, String subject,
                    DeliveryStatus status, String messageId, String messageTraceId, String fromIp,
                    String toIp, Long size, Direction direction, List<String> hosts, List<String> queueIds) {
        this(received, senderAddress, recipientAddress, subject, status, messageId, messageTraceId, fromIp, toIp,
                size, direction, hosts, queueIds, List.of());
    }
}
