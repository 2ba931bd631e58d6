package org.mailtrace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares what the product made of a case's log with the case's expectation and lists every
 * difference in words (an empty list means it matches). Rows are matched by sender and recipient;
 * the product must produce exactly the expected rows, each with its status, at least the
 * expected events in its trace, at least the expected number of linked queue IDs and, where the
 * expectation names them, the client IP ({@code fromIp}), the final addresses
 * ({@code finalRecipients}, compared as a set, case-insensitive) and which rows share a trace
 * ({@code trace} labels).
 */
final class TraceOutcome {

    private TraceOutcome() {
    }

    /**
     * @param rows   the JSON array from {@code mailtrace trace --output json}
     * @param events for a messageTraceId, the event names of that trace (from {@code mailtrace detail})
     */
    static List<String> differences(List<ExpectedRow> expected, JsonNode rows, Function<String, List<String>> events) {
        List<String> differences = new ArrayList<>();
        if (!rows.isArray()) {
            differences.add("trace output is not a JSON array: " + rows);
            return differences;
        }
        if (rows.size() != expected.size()) {
            differences.add("expected " + expected.size() + " rows but the product made " + rows.size() + ": " + keys(rows));
        }
        Map<String, String> traceOfLabel = new HashMap<>();
        Map<String, String> labelOfTrace = new HashMap<>();
        for (ExpectedRow want : expected) {
            List<JsonNode> matches = new ArrayList<>();
            rows.forEach(row -> {
                if (key(row).equals(want.key())) {
                    matches.add(row);
                }
            });
            if (matches.size() != 1) {
                differences.add(want.key() + ": expected one row, found " + matches.size() + " among " + keys(rows));
                continue;
            }
            JsonNode row = matches.get(0);
            String status = row.path("status").asText();
            if (!status.equalsIgnoreCase(want.status())) {
                differences.add(want.key() + ": status " + status + ", expected " + want.status());
            }
            int queueIds = row.path("queueIds").size();
            if (want.queueIds() != null && queueIds < want.queueIds()) {
                differences.add(want.key() + ": " + queueIds + " queue IDs " + row.path("queueIds")
                        + ", expected at least " + want.queueIds());
            }
            if (want.fromIp() != null && !want.fromIp().equals(row.path("fromIp").asText(null))) {
                differences.add(want.key() + ": fromIp " + row.path("fromIp") + ", expected " + want.fromIp());
            }
            if (want.finalRecipients() != null) {
                finalRecipientsDiffer(want, row.path("finalRecipients")).ifPresent(differences::add);
            }
            String traceId = row.path("messageTraceId").asText();
            if (want.trace() != null) {
                String labelled = traceOfLabel.putIfAbsent(want.trace(), traceId);
                if (labelled != null && !labelled.equals(traceId)) {
                    differences.add(want.key() + ": in trace " + traceId + ", expected the trace of the other rows of '"
                            + want.trace() + "' (" + labelled + ")");
                }
                String other = labelOfTrace.putIfAbsent(traceId, want.trace());
                if (other != null && !other.equals(want.trace())) {
                    differences.add(want.key() + ": shares trace " + traceId + " with the rows of '" + other
                            + "', expected a trace of its own ('" + want.trace() + "')");
                }
            }
            List<String> seen = events.apply(traceId);
            List<String> missing = want.events().stream().filter(e -> !seen.contains(e)).toList();
            if (!missing.isEmpty()) {
                differences.add(want.key() + ": trace " + traceId + " lacks events " + missing + "; it has " + seen);
            }
        }
        return differences;
    }

    private static Optional<String> finalRecipientsDiffer(ExpectedRow want, JsonNode actual) {
        if (!actual.isArray()) {
            return Optional.of(want.key() + ": row has no finalRecipients list (" + actual
                    + "), expected " + want.finalRecipients());
        }
        Set<String> seen = new TreeSet<>();
        actual.forEach(address -> seen.add(address.asText().toLowerCase(Locale.ROOT)));
        Set<String> expected = new TreeSet<>();
        want.finalRecipients().forEach(address -> expected.add(address.toLowerCase(Locale.ROOT)));
        return seen.equals(expected) ? Optional.empty()
                : Optional.of(want.key() + ": finalRecipients " + actual + ", expected " + want.finalRecipients());
    }

    /** The event names of a {@code detail --output json} document. */
    static List<String> eventNames(JsonNode detail) {
        List<String> names = new ArrayList<>();
        detail.path("events").forEach(event -> names.add(event.path("event").asText()));
        return names;
    }

    private static String key(JsonNode row) {
        String sender = row.path("senderAddress").isNull() ? "" : row.path("senderAddress").asText("");
        return (sender + " -> " + row.path("recipientAddress").asText("")).toLowerCase(Locale.ROOT);
    }

    private static List<String> keys(JsonNode rows) {
        List<String> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(key(row) + " " + row.path("status").asText()));
        return keys;
    }
}
