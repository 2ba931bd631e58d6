package org.mailtrace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Exim reader promises of a case's log for a given {@link EximLogSelector}, besides its rows
 * (issue 12, docs/formats/exim.md "Recommended log_selector"): the sender, client IP and Message-ID of
 * every arrival are searchable with any selector; rows show subjects only when the log has them; the
 * ingest summary names each of {@code +subject}, {@code +received_recipients} and {@code +pid} that a
 * log with arrivals lacks, and none that it has.
 */
final class EximSelectorPromises {

    /** A {@code <=} line: its sender and the rest. */
    private static final Pattern ARRIVAL = Pattern.compile(
            "^\\S+ \\S+ (?:\\[\\d+\\] )?" + EximCases.ID + " <= (\\S+) (.*)$", Pattern.MULTILINE);
    /** The client's IP of {@code H=name (helo) [ip]}. */
    private static final Pattern CLIENT_IP = Pattern.compile("\\bH=[^\\[]*\\[([^\\]]+)\\]");
    private static final Pattern MESSAGE_ID = Pattern.compile(" id=(\\S+)");

    /** Each piece of advice the summary gives, and whether the selector has what it asks for. */
    private static final Map<String, Predicate<EximLogSelector>> ADVICE = Map.of(
            "no subjects in this log: add +subject to log_selector", EximLogSelector::subjects,
            "no recipients on arrival lines: add +received_recipients to log_selector", EximLogSelector::receivedRecipients,
            "no process IDs in this log: add +pid to log_selector", EximLogSelector::pids);

    private final EximLogSelector selector;

    EximSelectorPromises(EximLogSelector selector) {
        this.selector = selector;
    }

    /** The broken promises of one case, in words; empty when all are kept. */
    List<String> differences(MailtraceCli cli, Path data, CaseRun run, String summary, JsonNode rows) {
        List<String> differences = new ArrayList<>();
        List<Arrival> arrivals = arrivals(run.log());
        for (Map.Entry<String, Predicate<EximLogSelector>> advice : ADVICE.entrySet()) {
            boolean expected = !arrivals.isEmpty() && !advice.getValue().test(selector);
            if (summary.contains(advice.getKey()) != expected) {
                differences.add("ingest summary " + (expected ? "lacks" : "has") + " \"" + advice.getKey() + "\" ("
                        + selector + " log_selector, " + arrivals.size() + " arrival lines); summary:\n" + summary);
            }
        }
        List<String> subjects = new ArrayList<>();
        rows.forEach(row -> {
            if (!row.path("subject").asText("").isEmpty()) {
                subjects.add(row.path("subject").asText());
            }
        });
        boolean logHasSubjects = run.log().contains(" T=\"");
        if (selector.subjects() ? logHasSubjects && subjects.isEmpty() : !subjects.isEmpty()) {
            differences.add("subjects " + subjects + " with the " + selector + " log_selector (log has T=: "
                    + logHasSubjects + ")");
        }
        for (Arrival arrival : arrivals) {
            searchFinds(cli, data, arrival).ifPresent(differences::add);
        }
        return differences;
    }

    /**
     * Searching by the arrival's sender, client IP and Message-ID together finds rows, and only rows
     * of that sender and IP: each of the three is searchable.
     */
    private static Optional<String> searchFinds(MailtraceCli cli, Path data, Arrival arrival) {
        List<String> filters = new ArrayList<>(List.of("--sender", arrival.sender()));
        if (arrival.clientIp() != null) {
            filters.addAll(List.of("--from-ip", arrival.clientIp()));
        }
        if (arrival.messageId() != null) {
            filters.addAll(List.of("--message-id", arrival.messageId()));
        }
        JsonNode found = cli.search(data, filters);
        if (!found.isArray() || found.isEmpty()) {
            return Optional.of(arrival.queueId() + ": trace " + String.join(" ", filters) + " finds no row");
        }
        String expectedSender = arrival.sender().equals("<>") ? "" : arrival.sender();
        for (JsonNode row : found) {
            String sender = row.path("senderAddress").isNull() ? "" : row.path("senderAddress").asText("");
            boolean ipMatches = arrival.clientIp() == null || arrival.clientIp().equals(row.path("fromIp").asText(null));
            if (!sender.equalsIgnoreCase(expectedSender) || !ipMatches) {
                return Optional.of(arrival.queueId() + ": trace " + String.join(" ", filters)
                        + " finds a row of sender " + sender + " from " + row.path("fromIp"));
            }
        }
        return Optional.empty();
    }

    private static List<Arrival> arrivals(String log) {
        List<Arrival> arrivals = new ArrayList<>();
        Matcher line = ARRIVAL.matcher(log);
        while (line.find()) {
            String rest = line.group(3);
            Matcher ip = CLIENT_IP.matcher(rest);
            Matcher messageId = MESSAGE_ID.matcher(rest);
            arrivals.add(new Arrival(line.group(1), line.group(2), ip.find() ? ip.group(1) : null,
                    messageId.find() ? messageId.group(1) : null));
        }
        return arrivals;
    }

    /** One {@code <=} line: sender as logged ({@code <>} for bounces), client IP and Message-ID when logged. */
    private record Arrival(String queueId, String sender, String clientIp, String messageId) {
    }
}
