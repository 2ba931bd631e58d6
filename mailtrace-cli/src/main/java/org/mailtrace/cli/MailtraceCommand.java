package org.mailtrace.cli;

import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code mailtrace} command: only dispatches to its subcommands. */
@Command(name = "mailtrace", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Message trace for your own mail servers: reads MTA logs, answers \"what happened to this mail?\"."},
        footer = {"", "Examples:",
                "  mailtrace ingest --data /var/lib/mailtrace /var/log/mail.log",
                "  mailtrace trace --data /var/lib/mailtrace --recipient '*@example.org' \\",
                "      --status Failed",
                "  mailtrace detail --data /var/lib/mailtrace \\",
                "      2f1c0c6e-8a53-3a8e-9c43-8d2b4f0e1a77",
                "", "Run 'mailtrace COMMAND --help' for a command's options."})
final class MailtraceCommand implements Runnable {
    /**
     * Every command, in the order the help lists them. Not in the annotation: Main.commandLine
     * registers only the command that runs when the command line names one.
     */
    static final List<Class<?>> COMMANDS = List.of(IngestCommand.class, TraceCommand.class, DetailCommand.class,
            ServeCommand.class, UserCommand.class, BackupCommand.class, RestoreCommand.class);

    final InputStream stdin;

    @Spec
    CommandSpec spec;

    MailtraceCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: ingest, trace, detail, serve, user, backup or restore");
    }
}
