package org.mailtrace.query;

import java.time.Instant;
import java.util.List;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;

/**
 * What the detail view shows for one trace (optionally narrowed to one recipient): the trace's
 * fields, its rows, its events oldest first, and every related trace (notifications, forwarded
 * copies, other traces with the same Message-ID).
 */
public record TraceDetail(String messageTraceId, Instant received, String senderAddress, String subject,
                          String messageId, String fromIp, Long size, List<String> hosts, List<String> queueIds,
                          List<RecipientOutcome> recipients, List<TraceEvent> events, List<RelatedTrace> related) {
}
