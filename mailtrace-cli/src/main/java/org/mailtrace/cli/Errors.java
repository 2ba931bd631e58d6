package org.mailtrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mailtrace.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Maps every failure to one exit code and one line that says what is wrong and what to do, once
 * for all commands: bad usage is 2, everything else that fails at run time is 1.
 */
final class Errors {
    private Errors() {
    }

    static int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage()
                + " (see 'mailtrace " + subcommandPath(cmd) + "--help')");
        return Main.USAGE;
    }

    static int execution(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof IllegalArgumentException || e instanceof java.time.DateTimeException) {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage()
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
        cmd.getErr().println(cmd.getCommandName() + ": " + message);
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

    private static String subcommandPath(CommandLine cmd) {
        return cmd.getParent() == null ? "" : cmd.getCommandName() + " ";
    }
}
