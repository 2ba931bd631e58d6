package org.mailtrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mailtrace.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps every failure to one exit code and one line that says what is wrong and what to do, once
 * for all commands: bad usage is 2, everything else that fails at run time is 1.
 */
final class Errors {
    private Errors() {
    }

    static int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        // picocli checks required options before it complains about unknown ones; a typo in an
        // option is the more useful news (a mistyped --data would otherwise read as "missing --data").
        if (e instanceof MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
            message = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments()).getMessage();
        }
        cmd.getErr().println(prefix(cmd) + message + " (see 'mailtrace " + subcommandPath(cmd) + "--help')");
        return Main.USAGE;
    }

    static int execution(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof IllegalArgumentException || e instanceof java.time.DateTimeException) {
            cmd.getErr().println(prefix(cmd) + e.getMessage()
                    + " (see 'mailtrace " + subcommandPath(cmd) + "--help')");
            return Main.USAGE;
        }
        String message;
        if (e instanceof StoreException) {
            message = e.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            message = describe(e instanceof UncheckedIOException u ? u.getCause() : e);
        } else {
            message = "internal error: " + e + " (please report this with the command line you ran)";
            e.printStackTrace(new java.io.PrintWriter(cmd.getErr(), true));
        }
        cmd.getErr().println(prefix(cmd) + message);
        return Main.RUNTIME_ERROR;
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            String m = n.getMessage();
            return m.contains("no such file") ? m : m + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied; run as a user that can read it (e.g. in group adm)";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** {@code "user add: "} for {@code mailtrace user add}; {@code "mailtrace: "} for the top-level command. */
    private static String prefix(CommandLine cmd) {
        String path = subcommandPath(cmd);
        return (path.isEmpty() ? cmd.getCommandName() : path.strip()) + ": ";
    }

    /** The subcommand names below {@code mailtrace}, each followed by a blank: {@code "user add "}, or "". */
    private static String subcommandPath(CommandLine cmd) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cmd; c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
