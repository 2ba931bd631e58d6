package org.mailtrace.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        CommandLine cli = commandLine(in, args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(ConfigFileDefaults.fromEnvironment());
        // Named classes, not method references: see Handlers.
        cli.setParameterExceptionHandler(new Handlers());
        cli.setExecutionExceptionHandler(new Handlers());
        cli.setExecutionStrategy(new Handlers());
        return cli.execute(args);
    }

    /**
     * Main's picocli callbacks as a class rather than method references. picocli's classes are
     * Java 5 class files; a lambda implementing one of its interfaces makes the class-data archive's
     * dump link that interface, and the JVM then leaves it, and the picocli classes that depend on it
     * (RunLast, CommandSpec...), out of the archive: every run loaded them from the jar and verified
     * them with the old verifier (docs/benchmark.md, "Eleventh session"; cds-archive.sh names such
     * classes when it builds the archive).
     */
    private static final class Handlers implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler, CommandLine.IExecutionStrategy {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return Errors.usage(e, args);
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            return Errors.execution(e, cmd, parsed);
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            return checkThenRun(parsed);
        }
    }

    /** Checks what picocli cannot check per option (--data or --store, not both) unless help is asked for, then runs. */
    private static int checkThenRun(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return new CommandLine.RunLast().execute(parsed);
            }
        }
        DataOption.check(parsed);
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * The command tree for {@code args}. When the first argument names a command, only that command's
     * model is built: picocli reflects over every option of every registered command before it parses,
     * and for a short {@code trace} that was about half of the CPU time after the JVM's own start
     * (docs/benchmark.md, "Cold start"). Anything else (no command, --help, --version, a misspelt
     * command) gets every command, so help, suggestions and errors are what they always were.
     */
    static CommandLine commandLine(InputStream in, String... args) {
        CommandLine cli = new CommandLine(new MailtraceCommand(in));
        String first = args.length == 0 ? "" : args[0];
        Class<?> only = null;
        for (Class<?> command : MailtraceCommand.COMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(first)) {
                only = command;
            }
        }
        for (Class<?> command : MailtraceCommand.COMMANDS) {
            if (only == null || only == command) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }
}
