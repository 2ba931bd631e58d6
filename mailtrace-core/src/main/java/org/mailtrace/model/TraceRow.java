package org.mailtrace.model;

import java.time.Instant;
import java.util.List;

/** One message x one recipient: what a search returns. Field names follow Get-MessageTraceV2. */
public record TraceRow(Instant received, String senderAddress, String recipientAddress, String subject,
                       DeliveryStatus status, String messageId, String messageTraceId, String fromIp,
                       String toIp, Long size, Direction direction, List<String> hosts, List<String> queueIds) {
    public TraceRow {
        hosts = List.copyOf(hosts);
        queueIds = List.copyOf(queueIds);
    }
}
