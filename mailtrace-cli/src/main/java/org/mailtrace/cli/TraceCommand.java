package org.mailtrace.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.query.TraceService;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailtrace trace}: search trace rows, newest first, like Get-MessageTraceV2 without its limits. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Search message trace rows (one per message and recipient), newest first.",
                "Criteria combine with AND; repeated --sender/--recipient/--status values combine with OR.",
                "Nothing is capped silently: when more rows match than --limit, the next page's cursor is printed."},
        footer = {"", "Examples:",
                "  mailtrace trace --data DIR --recipient bob@example.org --start 2026-11-27",
                "  mailtrace trace --data DIR --sender '*@partner.example' \\",
                "      --status Failed --status Pending",
                "  mailtrace trace --data DIR --message-id '<abc123@mail.example.org>' \\",
                "      --output json",
                "  mailtrace trace --data DIR --from-ip 192.0.2.0/24 --direction Inbound \\",
                "      --output csv > rows.csv",
                "  mailtrace trace --data DIR --subject invoice --subject-match startswith \\",
                "      --timezone Europe/Berlin",
                "", "Times: ISO date or date-time, UTC unless a zone is given (2026-11-28, 2026-11-28T14:05:00+01:00).",
                "Statuses: Delivered, Pending, Failed, Expanded, Quarantined, FilteredAsSpam, Dropped, "
                        + "GettingStatus.",
                "Exit codes: 0 success (also when nothing matches), 1 runtime error, 2 bad usage."})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--start", paramLabel = "T", description = "Received at or after T.")
    String start;

    @Option(names = "--end", paramLabel = "T", description = "Received before T (a date alone: up to the end of that day).")
    String end;

    @Option(names = "--sender", paramLabel = "A", description = "Envelope sender; * is a wildcard (*@example.org, alice@*); <> is the null sender. Repeatable.")
    List<String> senders = new ArrayList<>();

    @Option(names = "--recipient", paramLabel = "A", description = "Envelope recipient; * is a wildcard. Repeatable.")
    List<String> recipients = new ArrayList<>();

    @Option(names = "--status", paramLabel = "S", description = "Delivery status. Repeatable.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--message-id", paramLabel = "ID", description = "Message-ID header, with or without <>.")
    String messageId;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Message trace ID.")
    String traceId;

    @Option(names = "--from-ip", paramLabel = "IP", description = "Client IP, exact or CIDR.")
    String fromIp;

    @Option(names = "--to-ip", paramLabel = "IP", description = "Next-hop IP, exact or CIDR.")
    String toIp;

    @Option(names = "--direction", paramLabel = "D", description = "Inbound, Outbound or Internal.")
    String direction;

    @Option(names = "--subject", paramLabel = "TEXT", description = "Subject text, case-insensitive (when the log carries subjects).")
    String subject;

    @Option(names = "--subject-match", paramLabel = "M", defaultValue = "contains", description = "contains (default), startswith or endswith.")
    String subjectMatch;

    @Option(names = "--limit", paramLabel = "N",
            description = "Rows to print; no upper cap. Default: 1000 for the table, every matching row for json and csv.")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "C", description = "Continue after a previous page (its printed cursor).")
    String cursor;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table (default), json or csv.")
    OutputFormat output;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Show table times in this zone (e.g. Europe/Berlin); JSON and CSV stay UTC.")
    String timezone;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        int pageSize = limit != null ? limit : output == OutputFormat.table ? 1000 : Integer.MAX_VALUE;
        ZoneId zone = timezone == null ? java.time.ZoneOffset.UTC : ZoneId.of(timezone);
        TraceQuery query = query();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (TraceStore store = data.openForReading()) {
            TracePage page = new TraceService(store).search(query, cursor, pageSize);
            switch (output) {
                case json -> out.println(TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(page.rows()));
                case csv -> RowCsv.write(out, page.rows());
                default -> RowTable.write(out, page.rows(), zone);
            }
            out.flush();
            if (page.next() != null) {
                err.println("More rows match. Next page: add --cursor " + page.next() + " (or raise --limit).");
            } else if (page.rows().isEmpty() && output == OutputFormat.table) {
                err.println("No rows match. Widen the time range or check the addresses (wildcards: *@domain).");
            }
        }
        return Main.OK;
    }

    TraceQuery query() {
        Set<DeliveryStatus> st = EnumSet.noneOf(DeliveryStatus.class);
        for (String s : statuses) {
            for (String part : s.split(",")) {
                st.add(DeliveryStatus.parse(part.trim()));
            }
        }
        java.time.Instant from = start == null ? null : Times.start(start);
        java.time.Instant to = end == null ? null : Times.end(end);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException(Times.emptyRange(start, end));
        }
        return TraceQuery.builder()
                .senders(split(senders)).recipients(split(recipients))
                .start(from)
                .end(to)
                .statuses(st).messageId(messageId).messageTraceId(traceId)
                .fromIp(fromIp).toIp(toIp)
                .direction(direction == null ? null : Direction.parse(direction))
                .subject(subject, TraceQuery.SubjectMatch.parse(subjectMatch))
                .build();
    }

    /** Accepts pasted lists: "a@x, b@y" or newline/semicolon separated, as well as repeated options. */
    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split("[,;\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            if (v.isEmpty()) {
                out.add("");
            }
        }
        return out;
    }
}
