package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters of a search as the console and reports keep them: the query parameters of
 * {@code GET /api/v1/traces} (without paging) as a JSON object. Checked by the same rules as the
 * search itself ({@code TraceQueryParams}) whenever it is stored or run.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SearchCriteria(List<String> sender, List<String> recipient, String start, String end, List<String> status,
                             String messageId, String traceId, String fromIp, String toIp, String direction,
                             String subject, String subjectMatch) {
    public SearchCriteria {
        sender = sender == null ? List.of() : List.copyOf(sender);
        recipient = recipient == null ? List.of() : List.copyOf(recipient);
        status = status == null ? List.of() : List.copyOf(status);
    }

    /** From search parameters (repeated or comma-separated lists); paging parameters are left out. */
    public static SearchCriteria fromParams(Map<String, List<String>> p) {
        return new SearchCriteria(split(p.get("sender")), split(p.get("recipient")), first(p, "start"), first(p, "end"),
                split(p.get("status")), first(p, "messageId"), first(p, "traceId"), first(p, "fromIp"), first(p, "toIp"),
                first(p, "direction"), first(p, "subject"), first(p, "subjectMatch"));
    }

    /** As search parameters, each list one repeated parameter. */
    public Map<String, List<String>> toParams() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        put(m, "sender", sender);
        put(m, "recipient", recipient);
        put(m, "start", start);
        put(m, "end", end);
        put(m, "status", status);
        put(m, "messageId", messageId);
        put(m, "traceId", traceId);
        put(m, "fromIp", fromIp);
        put(m, "toIp", toIp);
        put(m, "direction", direction);
        put(m, "subject", subject);
        put(m, "subjectMatch", subjectMatch);
        return m;
    }

    private static void put(Map<String, List<String>> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values);
        }
    }

    private static void put(Map<String, List<String>> m, String key, String value) {
        if (value != null) {
            m.put(key, List.of(value));
        }
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> v = p.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.isEmpty() ? new String[] {""} : v.split(",")) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
