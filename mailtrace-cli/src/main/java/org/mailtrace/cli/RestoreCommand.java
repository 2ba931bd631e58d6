package org.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.TraceStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailtrace restore}: a backup file back into a new data directory, verified before it is put in place. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup written by 'mailtrace backup' into a new data directory.",
                "Every file is checked against the backup's manifest (size and SHA-256) and the store is opened "
                        + "before the directory appears under its name; an existing non-empty directory is never touched."},
        footer = {"", "Examples:",
                "  mailtrace restore --from /backup/mailtrace-2026-12-01.zip \\",
                "      --data /var/lib/mailtrace.new",
                "  mailtrace restore --from FILE --data DIR --output json | jq .rows",
                "", "Then point serve at it (or stop serve, move the old directory away and the new one in its place). "
                        + "Ingest resumes from the backup's positions: lines logged after the backup are read again "
                        + "from the logs that still hold them.",
                "Exit codes: 0 restored, 1 runtime error (a damaged backup, disk), 2 bad usage (DIR not empty, "
                        + "not a backup, a backup of a newer mailtrace)."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup file (from 'mailtrace backup --to FILE').")
    Path from;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data directory to create: absent or empty.")
    Path data;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Instead of --data: the store to create, as lucene:DIR (a backup holds a data directory).")
    String store;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "Result as table (default) or json.")
    OutputFormat output;

    @Override
    public Integer call() throws IOException {
        Path dir = target();
        String named = dir == data ? "--data " + data : "--store " + store;
        if (!Files.isRegularFile(from)) {
            throw new IllegalArgumentException("--from " + from + " is not a file; give a file written by 'mailtrace backup --to FILE'");
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(target) || (Files.isDirectory(target) && !isEmpty(target))) {
            throw new IllegalArgumentException(named + " exists and is not empty; restore into a new directory "
                    + "(nothing there was changed)");
        }
        BackupArchive.readManifest(from); // refuses a newer or foreign file before anything is written
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".restoring-");
        BackupManifest manifest;
        DataSummary summary;
        try {
            manifest = BackupArchive.extract(from, staging);
            summary = DataSummary.of(staging);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            BackupCommand.deleteTree(staging);
            throw e;
        }
        PrivateFiles.restrictDataDirectory(target);
        print(target, manifest, summary);
        return Main.OK;
    }

    /** The directory to create, from --data or --store (one of them; a store kept in a directory). */
    private Path target() {
        boolean dataGiven = spec.commandLine().getParseResult().hasMatchedOption("--data");
        if (dataGiven && spec.commandLine().getParseResult().hasMatchedOption("--store")) {
            throw new IllegalArgumentException("--data and --store both name the store to create; give one "
                    + "(--store lucene:DIR is --data DIR)");
        }
        if (store != null && !dataGiven) {
            return TraceStores.dataDirectory(StoreLocation.parse(store));
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required: the data directory to create (or --store lucene:DIR)");
        }
        return data;
    }

    private void print(Path target, BackupManifest m, DataSummary summary) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("data", target.toString());
            json.put("from", from.toAbsolutePath().toString());
            json.putAll(m.summary());
            json.putAll(summary.toMap());
            out.println(TraceJson.mapper().writeValueAsString(json));
            return;
        }
        out.printf("restored %s into %s: %d files, %,d bytes, all checksums verified%n", from, target, m.files().size(),
                m.totalBytes());
        out.printf("  backup of %s made %s by mailtrace %s%n", m.source(), m.created(), m.mailtraceVersion());
        out.printf("  store: format %d, commit %d, %s%n", m.storeFormat(), m.storeCommit(), summary.describe());
        m.checkpoint().values().forEach(p -> out.printf("  ingest resumes at: %s line %,d%n", p.source(), p.lineNumber()));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
