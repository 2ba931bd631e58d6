package org.mailtrace.server.report;

import static org.mailtrace.server.report.ReportRows.text;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.model.TraceRow;
import org.mailtrace.server.auth.AddressRedaction;
import org.mailtrace.server.auth.ScopeDomains;

/**
 * M365's extended report: one line per event, for the rows the owner may see (their recipients'
 * events and the message-wide ones, with other domains' addresses masked in the detail as in the
 * detail view). Traces come newest first, each trace's events newest first.
 * Our action is the {@code source}, our event the {@code event_id}, the queue ID of the event the
 * {@code internal_message_id}, our explanation the {@code detail}.
 */
final class ExtendedRows extends PerMessageRows {
    static final List<String> COLUMNS = List.of("date_time_utc", "client_ip", "client_hostname", "server_hostname",
            "source", "event_id", "internal_message_id", "message_id", "network_message_id", "recipient_address",
            "recipient_status", "total_bytes", "message_subject", "sender_address", "return_path", "directionality",
            "detail");
    /** Postfix writes clients as {@code name[ip]} (or {@code name[ip]:port}). */
    private static final Pattern NAME_IP = Pattern.compile("([^\\[\\s]*)\\[([^\\]]+)\\](?::\\d+)?");

    private final CsvOut out;
    private final Function<String, Optional<MessageTrace>> traces;
    private final Set<String> scope;

    ExtendedRows(CsvOut out, Function<String, Optional<MessageTrace>> traces, Set<String> scope) {
        this.out = out;
        this.traces = traces;
        this.scope = scope;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    boolean write(List<TraceRow> message) {
        TraceRow first = message.get(0);
        Map<String, TraceRow> visible = new HashMap<>();
        message.forEach(r -> visible.put(text(r.recipientAddress()).toLowerCase(Locale.ROOT), r));
        Optional<MessageTrace> trace = traces.apply(first.messageTraceId());
        if (trace.isEmpty()) {
            return true; // deleted by retention while the report ran
        }
        List<TraceEvent> events = trace.get().events().stream()
                .filter(e -> e.recipientAddress() == null || visible.containsKey(e.recipientAddress().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing(TraceEvent::date).reversed())
                .toList();
        // As in the detail view: when only some recipients are the owner's, other domains' addresses are masked.
        AddressRedaction mask = scope.isEmpty() || ScopeDomains.contains(scope, first.senderAddress()) ? null
                : AddressRedaction.forScope(scope, first.senderAddress());
        for (TraceEvent e : events) {
            TraceRow row = e.recipientAddress() == null ? null : visible.get(e.recipientAddress().toLowerCase(Locale.ROOT));
            String client = e.data().get("client");
            Matcher m = client == null ? null : NAME_IP.matcher(client);
            boolean split = m != null && m.matches();
            String clientIp = split ? m.group(2) : client;
            String clientName = split ? m.group(1) : null;
            if (!out.row(List.of(text(e.date()), text(clientIp), text(clientName), text(e.data().get("host")),
                    text(e.action()), text(e.event()), text(e.data().get("queueId")), text(first.messageId()),
                    text(first.messageTraceId()), text(e.recipientAddress()), row == null ? "" : text(row.status()),
                    text(first.size()), text(first.subject()), text(first.senderAddress()), text(first.senderAddress()),
                    row == null ? "" : text(row.direction()), text(mask == null ? e.detail() : mask.text(e.detail()))))) {
                return false;
            }
        }
        return true;
    }
}
