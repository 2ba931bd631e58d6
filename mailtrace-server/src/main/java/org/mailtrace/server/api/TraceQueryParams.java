package org.mailtrace.server.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mailtrace.correlate.Cidr;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;

/**
 * The search filters of {@code GET /api/v1/traces}, the same as the CLI's, checked strictly: an
 * unknown parameter, a malformed address, date, IP or CIDR, an unknown status or a limit outside
 * 1..5000 is a 400 that names the parameter, never a silently ignored filter.
 */
final class TraceQueryParams {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 5000;

    static final Set<String> KNOWN = Set.of("sender", "recipient", "start", "end", "status", "messageId", "traceId",
            "fromIp", "toIp", "direction", "subject", "subjectMatch", "limit", "cursor");

    /** Address or pattern: local@domain, with * anywhere; SMTPUTF8 letters allowed; no spaces, quotes or colons. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&*+/=?^_`{|}~.-]*@([\\p{L}\\p{N}*.-]*|\\[[0-9A-Fa-f:.]+\\])|\\*");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\uFFFD]");

    private TraceQueryParams() {
    }

    record Parsed(TraceQuery query, int limit, String cursor, Map<String, Object> auditFilter) {
    }

    static Parsed parse(Map<String, List<String>> params, Set<String> scopeDomains) {
        for (String k : params.keySet()) {
            if (!KNOWN.contains(k)) {
                throw ApiError.badRequest("unknown parameter '" + k + "'; known: " + new java.util.TreeSet<>(KNOWN));
            }
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        params.forEach((k, v) -> audit.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
        Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
        for (String s : list(params, "status")) {
            statuses.add(DeliveryStatus.parse(s));
        }
        String subjectMatch = one(params, "subjectMatch");
        String subject = one(params, "subject");
        if (subject != null && (subject.length() > 256 || CONTROL.matcher(subject).find())) {
            throw ApiError.badRequest("subject: at most 256 characters without control characters");
        }
        String messageId = one(params, "messageId");
        if (messageId != null && (messageId.length() > 998 || messageId.isBlank() || !messageId.strip().equals(messageId)
                || messageId.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == 0xFFFD))) {
            throw ApiError.badRequest("messageId: '" + clip(messageId) + "' is not a Message-ID (no spaces or control characters, e.g. <abc@mail.example.org>)");
        }
        String traceId = one(params, "traceId");
        if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
            throw ApiError.badRequest("traceId: '" + clip(traceId) + "' is not a message trace ID (a UUID)");
        }
        String direction = one(params, "direction");
        TraceQuery q = TraceQuery.builder()
                .senders(addresses(params, "sender", true))
                .recipients(addresses(params, "recipient", false))
                .start(time("start", one(params, "start"), false))
                .end(time("end", one(params, "end"), true))
                .statuses(statuses).messageId(messageId).messageTraceId(traceId)
                .fromIp(ip("fromIp", one(params, "fromIp"))).toIp(ip("toIp", one(params, "toIp")))
                .direction(direction == null ? null : Direction.parse(direction))
                .subject(subject, subjectMatch == null ? null : TraceQuery.SubjectMatch.parse(subjectMatch))
                .scopeDomains(scopeDomains)
                .build();
        String cursor = one(params, "cursor");
        if (cursor != null && (cursor.length() > TracePage.MAX_CURSOR_LENGTH || CONTROL.matcher(cursor).find())) {
            throw ApiError.badRequest("cursor: not a cursor from a previous page's 'next'");
        }
        return new Parsed(q, limit(one(params, "limit")), cursor, audit);
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + clip(text)
                + "'; page with 'cursor' for more rows");
    }

    private static String one(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw ApiError.badRequest(key + " is given " + v.size() + " times; it takes one value");
        }
        return v.get(0);
    }

    /** Repeated parameters and comma-separated values alike ({@code sender=a@x,b@y}). */
    private static List<String> list(Map<String, List<String>> params, String key) {
        List<String> out = new ArrayList<>();
        for (String v : params.getOrDefault(key, List.of())) {
            if (v.isEmpty()) {
                out.add("");
                continue;
            }
            for (String part : v.split(",")) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static List<String> addresses(Map<String, List<String>> params, String key, boolean nullSenderAllowed) {
        List<String> out = list(params, key);
        for (String a : out) {
            boolean nullSender = a.isEmpty() || a.equals("<>");
            if (nullSender ? !nullSenderAllowed : a.length() > 320 || !ADDRESS.matcher(a).matches()) {
                throw ApiError.badRequest(key + ": '" + clip(a) + "' is not an address or pattern (e.g. bob@example.org, *@example.org, alice@*"
                        + (nullSenderAllowed ? ", <> for the null sender" : "") + ")");
            }
        }
        return out;
    }

    private static String ip(String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            Cidr.parse(text);
            return text.trim();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(key + ": '" + clip(text) + "' is not an IP address or CIDR network (e.g. 192.0.2.7, 192.0.2.0/24, 2001:db8::/32)");
        }
    }

    /** ISO date or date-time, UTC unless it has a zone; a date alone as an end includes that day. */
    static Instant time(String key, String text, boolean end) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(key + ": '" + clip(text) + "' is not an ISO date or date-time (e.g. 2026-11-28 or 2026-11-28T14:05:00Z)");
        }
    }

    /** Echoes at most 80 characters of hostile input back, so errors stay readable. */
    static String clip(String s) {
        String c = CONTROL.matcher(s).replaceAll("?");
        return c.length() <= 80 ? c : c.substring(0, 80) + "...";
    }
}
