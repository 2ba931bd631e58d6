package org.mailtrace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real product, run as a process through the {@code ./mailtrace} launcher exactly as a user
 * would: ingest a log into a data directory, list the rows, open one trace.
 */
final class MailtraceCli {

    static final String ACCEPTED_DOMAIN = "example.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path launcher;

    MailtraceCli(Path launcher) {
        this.launcher = launcher;
    }

    /** The {@code mailtrace} launcher at the repository root. */
    static MailtraceCli in(Path repositoryRoot) {
        return new MailtraceCli(repositoryRoot.resolve("mailtrace"));
    }

    boolean isPresent() {
        return Files.isExecutable(launcher);
    }

    Path launcher() {
        return launcher;
    }

    void ingest(Path data, Path log) {
        run("ingest", "--data", data.toString(), "--accepted-domain", ACCEPTED_DOMAIN, log.toString());
    }

    /** Every row in the store, as the JSON array {@code trace --output json} prints. */
    JsonNode rows(Path data) {
        return json(run("trace", "--data", data.toString(), "--output", "json", "--limit", "100000"));
    }

    /** One trace with its {@code events}, as {@code detail --output json} prints it. */
    JsonNode detail(Path data, String messageTraceId) {
        return json(run("detail", "--data", data.toString(), messageTraceId, "--output", "json"));
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Command.Result result = Command.run(command, TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": exit " + result.exitCode()
                    + "\n" + result.output());
        }
        return result.stdout();
    }

    private static JsonNode json(String output) {
        try {
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not one JSON document:\n" + output, e);
        }
    }
}
