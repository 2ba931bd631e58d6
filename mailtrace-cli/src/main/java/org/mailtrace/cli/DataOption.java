package org.mailtrace.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Where the traces are: {@code --data DIR} (the embedded store in DIR) or {@code --store LOCATION}
 * ({@code TYPE:ARGUMENT}, {@link StoreLocation}; {@code --store lucene:DIR} is {@code --data DIR}).
 * Shared by every command that touches traces or the data directory beside them.
 *
 * <p>One of the two is needed, not both ({@link #check}, before the command runs). An explicit
 * option wins; else the configuration file's {@code store}, then its {@code data}
 * ({@link ConfigFileDefaults}), then {@code $MAILTRACE_DATA}.
 */
final class DataOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:MAILTRACE_DATA}",
            description = "Data directory of the trace store (created by ingest). Default: the data key of $MAILTRACE_CONFIG, else $MAILTRACE_DATA.")
    Path data;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Instead of --data: the trace store as TYPE:ARGUMENT, e.g. lucene:/var/lib/mailtrace (a bare path is a data directory). Default: the store key of $MAILTRACE_CONFIG.")
    String store;

    /**
     * Refuses, before the command runs, both options at once or neither (with no default either), as
     * picocli refuses a missing required option: exit 2 and one line.
     */
    static void check(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        // A loop, not a stream of CommandSpec::userObject: see Main.Handlers.
        for (CommandSpec mixin : leaf.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof DataOption option) {
                option.checkOne(leaf);
            }
        }
    }

    private void checkOne(ParseResult leaf) {
        if (leaf.hasMatchedOption("--data") && leaf.hasMatchedOption("--store")) {
            throw new ParameterException(leaf.commandSpec().commandLine(), "--data and --store both name the store; give one "
                    + "(--store lucene:DIR is --data DIR)");
        }
        if (data == null && store == null) {
            throw new MissingParameterException(leaf.commandSpec().commandLine(),
                    List.of(leaf.commandSpec().findOption("--data"), leaf.commandSpec().findOption("--store")),
                    "Missing required option: '--data=DIR' or '--store=LOCATION' (or set MAILTRACE_DATA, or data or store "
                            + "in $MAILTRACE_CONFIG)");
        }
    }

    /** Where the store is: the explicit option, else the defaults in the order of the class comment. */
    StoreLocation location() {
        if (usesStore()) {
            try {
                return StoreLocation.parse(store);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--store " + store + ": " + e.getMessage(), e);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR or --store LOCATION is required");
        }
        return StoreLocation.ofDirectory(data);
    }

    /** How the store was named, for messages: {@code --data DIR} or {@code --store LOCATION}. */
    String describe() {
        return usesStore() ? "--store " + store : "--data " + data;
    }

    /** True when the store comes from --store or the file's store key, false for --data DIR. */
    private boolean usesStore() {
        return store != null && !command.commandLine().getParseResult().hasMatchedOption("--data");
    }

    /**
     * The data directory, where the accounts, saved queries, reports and audit log are kept beside the
     * store; fails for a store that has none, saying what to give instead.
     */
    Path dataDirectory() {
        return TraceStores.dataDirectory(location());
    }

    /**
     * Opens the store's writer. A store in a directory gets the directory created at mode 700 (or
     * tightened: see {@code PrivateFiles}) first.
     */
    TraceStore openForWriting() {
        StoreLocation at = location();
        Path dir = TraceStores.directory(at).orElse(null);
        if (dir != null) {
            requireNotAFile(dir, describe());
            try {
                PrivateFiles.restrictDataDirectory(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(dir + ": cannot create the data directory or set it to mode 700: " + e.getMessage(), e);
            }
        }
        return TraceStores.open(at, StoreOptions.fromEnvironment(false, System.getenv()));
    }

    /** Read-only, so searches work while an ingest holds the writer. */
    TraceStore openForReading() {
        StoreLocation at = location();
        Path dir = TraceStores.directory(at).orElse(null);
        if (dir != null) {
            String named = describe();
            if (Files.isRegularFile(dir)) {
                throw new IllegalArgumentException(named + " is a file, not a data directory; give the directory "
                        + "that 'mailtrace ingest --data DIR' wrote (e.g. --data /var/lib/mailtrace)");
            }
            if (!dir.toFile().isDirectory()) {
                throw new IllegalArgumentException(named + " does not exist; run 'mailtrace ingest " + named + " FILE' first");
            }
        }
        return TraceStores.open(at, StoreOptions.fromEnvironment(true, System.getenv()));
    }

    /**
     * Refuses a data directory that is an existing regular file (say, the mail log named by mistake)
     * before anything tries to create directories there and fails with only the path as its message.
     */
    static void requireNotAFile(Path data) {
        requireNotAFile(data, "--data " + data);
    }

    private static void requireNotAFile(Path data, String named) {
        if (data != null && Files.isRegularFile(data)) {
            throw new IllegalArgumentException(named + " is a file, not a data directory; name a directory "
                    + "(it is created when missing), e.g. --data /var/lib/mailtrace");
        }
    }
}
