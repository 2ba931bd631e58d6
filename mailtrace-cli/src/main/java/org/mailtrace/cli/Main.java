package org.mailtrace.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code ./mailtrace}: wires picocli and maps failures to exit codes once. */
public final class Main {
    /** Success. */
    public static final int OK = 0;
    /** A runtime failure: unreadable file, store error. */
    public static final int RUNTIME_ERROR = 1;
    /** Bad usage: unknown option, malformed value; one line says what is wrong. */
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, System.in, args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams; returns the exit code. Used by tests too. */
    public static int run(PrintStream out, PrintStream err, InputStream in, String... args) {
        CommandLine cli = new CommandLine(new MailtraceCommand(in));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(ConfigFileDefaults.fromEnvironment());
        cli.setParameterExceptionHandler(Errors::usage);
        cli.setExecutionExceptionHandler(Errors::execution);
        return cli.execute(args);
    }
}
