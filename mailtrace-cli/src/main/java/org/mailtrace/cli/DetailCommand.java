package org.mailtrace.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailtrace.json.TraceJson;
import org.mailtrace.query.TraceDetail;
import org.mailtrace.query.TraceService;
import org.mailtrace.store.TraceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace detail}: every event of one trace, in plain words, plus related traces. */
@Command(name = "detail", mixinStandardHelpOptions = true,
        description = {"Show what happened to one message.",
                "Its rows, every event with SMTP replies explained, and related traces (bounce notifications, "
                        + "forwarded copies, same Message-ID)."},
        footer = {"", "Examples:",
                "  mailtrace detail --data DIR 2f1c0c6e-8a53-3a8e-9c43-8d2b4f0e1a77",
                "  mailtrace detail --data DIR 2f1c0c6e-8a53-3a8e-9c43-8d2b4f0e1a77 \\",
                "      --recipient bob@example.org",
                "  mailtrace detail --data DIR 2f1c0c6e-8a53-3a8e-9c43-8d2b4f0e1a77 \\",
                "      --output json | jq '.events[].event'",
                "", "Exit codes: 0 success, 1 trace not found or runtime error, 2 bad usage."})
final class DetailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Parameters(index = "0", paramLabel = "TRACE_ID", description = "The message trace ID (from 'mailtrace trace').")
    String traceId;

    @Option(names = "--recipient", paramLabel = "A", description = "Only this recipient's row and events.")
    String recipient;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    OutputFormat output;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Show table times in this zone; JSON stays UTC.")
    String timezone;

    @Override
    public Integer call() throws Exception {
        if (output == OutputFormat.csv) {
            throw new IllegalArgumentException("--output csv is not available for detail; use table or json");
        }
        ZoneId zone = timezone == null ? java.time.ZoneOffset.UTC : ZoneId.of(timezone);
        PrintWriter out = spec.commandLine().getOut();
        try (TraceStore store = data.openForReading()) {
            Optional<TraceDetail> detail = new TraceService(store).detail(traceId, recipient);
            if (detail.isEmpty()) {
                spec.commandLine().getErr().println("detail: " + traceId + ": no such trace"
                        + (recipient == null ? "" : " with recipient " + recipient)
                        + "; find trace IDs with 'mailtrace trace " + data.describe() + " ...'");
                return Main.RUNTIME_ERROR;
            }
            if (output == OutputFormat.json) {
                out.println(TraceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(detail.get()));
            } else {
                DetailText.write(out, detail.get(), zone);
            }
            out.flush();
        }
        return Main.OK;
    }
}
