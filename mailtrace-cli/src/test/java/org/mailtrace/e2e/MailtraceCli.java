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
import java.util.Map;

/**
 * The real product, run as a process through the {@code ./mailtrace} launcher exactly as a user
 * would: ingest a log into a data directory, list the rows, open one trace.
 */
final class MailtraceCli {

    static final String ACCEPTED_DOMAIN = "example.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * JVM options for the suite's many short runs (a few per case), through the launcher's own
     * {@code MAILTRACE_JAVA_OPTS}: C1 only and the serial collector start fastest. The product's code
     * and the launcher are the same as a user's; only start-up is cheaper. JVM warnings go to stderr,
     * never into the JSON on stdout.
     */
    private static final String FAST_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr";

    private final Path launcher;
    private final Path classArchive;
    private final String format;

    MailtraceCli(Path launcher, Path classArchive) {
        this(launcher, classArchive, null);
    }

    private MailtraceCli(Path launcher, Path classArchive, String format) {
        this.launcher = launcher;
        this.classArchive = classArchive;
        this.format = format;
    }

    /** The same launcher, ingesting with {@code --format <format>} (e.g. "exim") instead of the default. */
    MailtraceCli withFormat(String logFormat) {
        return new MailtraceCli(launcher, classArchive, logFormat);
    }

    /**
     * The {@code mailtrace} launcher at the repository root. The first run writes a class-data
     * archive ({@code -XX:ArchiveClassesAtExit}) to {@code classArchive}, the later runs map it
     * ({@code -XX:SharedArchiveFile}), which saves most of their class loading. An archive left
     * from an earlier build is deleted here: a JVM may refuse one made with another jar.
     */
    static MailtraceCli in(Path repositoryRoot, Path classArchive) throws IOException {
        Files.deleteIfExists(classArchive);
        return new MailtraceCli(repositoryRoot.resolve("mailtrace"), classArchive);
    }

    boolean isPresent() {
        return Files.isExecutable(launcher);
    }

    Path launcher() {
        return launcher;
    }

    /** Reads {@code log} into {@code data}; returns the summary ingest printed (table form). */
    String ingest(Path data, Path log) {
        List<String> args = new ArrayList<>(List.of("ingest"));
        if (format != null) {
            args.addAll(List.of("--format", format));
        }
        args.addAll(List.of("--data", data.toString(), "--accepted-domain", ACCEPTED_DOMAIN, log.toString()));
        return run(args.toArray(String[]::new));
    }

    /** Every row in the store, as the JSON array {@code trace --output json} prints. */
    JsonNode rows(Path data) {
        return search(data, List.of());
    }

    /** The rows {@code trace} finds with the search options {@code filters} (e.g. "--sender", "a@b"), as JSON. */
    JsonNode search(Path data, List<String> filters) {
        List<String> args = new ArrayList<>(List.of("trace", "--data", data.toString(), "--output", "json",
                "--limit", "100000"));
        args.addAll(filters);
        return json(run(args.toArray(String[]::new)));
    }

    /** One trace with its {@code events}, as {@code detail --output json} prints it. */
    JsonNode detail(Path data, String messageTraceId) {
        return json(run("detail", "--data", data.toString(), messageTraceId, "--output", "json"));
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        String archive = Files.isRegularFile(classArchive)
                ? "-XX:SharedArchiveFile=" + classArchive : "-XX:ArchiveClassesAtExit=" + classArchive;
        Command.Result result = Command.run(command, TIMEOUT, null,
                Map.of("MAILTRACE_JAVA_OPTS", FAST_START + " " + archive));
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
