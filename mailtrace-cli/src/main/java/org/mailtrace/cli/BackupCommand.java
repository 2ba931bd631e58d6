package org.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mailtrace.json.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailtrace backup}: one file holding a consistent copy of a data directory, also while serve or ingest writes it. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a backup of a data directory to one file (zip): the store as of its last commit, "
                + "accounts, saved queries, reports and the audit log, with a manifest of sizes and SHA-256 checksums.",
                "Works while 'mailtrace serve' or 'mailtrace ingest' runs: it only reads, takes no lock, and copies "
                        + "the last complete commit. The file is written as FILE.part, verified, then renamed to FILE."},
        footer = {"", "Examples:",
                "  mailtrace backup --data /var/lib/mailtrace \\",
                "      --to /backup/mailtrace-$(date +%%F).zip",
                "  mailtrace backup --data DIR --to /backup/mailtrace.zip --overwrite \\",
                "      --output json | jq .rows",
                "", "Restore with 'mailtrace restore --from FILE --data NEW_DIR'. The file holds personal data: it is "
                        + "created at mode 600; keep it as safe as the data directory.",
                "Exit codes: 0 written and verified, 1 runtime error (store, disk, a damaged index), 2 bad usage "
                        + "(e.g. FILE exists without --overwrite)."})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file to write (a zip).")
    Path to;

    @Option(names = "--overwrite", description = "Replace FILE if it exists (only once the new backup is complete).")
    boolean overwrite;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "Result as table (default) or json.")
    OutputFormat output;

    @Override
    public Integer call() throws IOException {
        Path dir = data.dataDirectory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(data.describe() + " is not a data directory; give the directory that "
                    + "'mailtrace serve' or 'mailtrace ingest' uses (e.g. --data /var/lib/mailtrace)");
        }
        Path file = to.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--to " + to + " is a directory; name the backup file, e.g. --to "
                    + file.resolve("mailtrace.zip"));
        }
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException("--to " + to + " exists; give a new name (e.g. with the date) or --overwrite");
        }
        if (file.startsWith(dir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--to " + to + " is inside the data directory; write the backup elsewhere");
        }
        Files.createDirectories(file.getParent());
        Instant start = Clock.systemUTC().instant();
        Path staging = Files.createTempDirectory(file.getParent(), "." + file.getFileName() + ".staging-");
        BackupManifest manifest;
        DataSummary summary;
        try {
            DataSnapshot.Copied copied = DataSnapshot.take(dir, staging);
            summary = DataSummary.of(staging);
            BackupManifest header = new BackupManifest(BackupManifest.FORMAT, Version.number(), start,
                    dir.toAbsolutePath().normalize().toString(), copied.store().format(), copied.store().generation(),
                    copied.store().positions(), null);
            BackupArchive.write(staging, copied.all(), header, file);
            manifest = BackupArchive.verify(file);
        } finally {
            deleteTree(staging);
        }
        print(file, manifest, summary, Duration.between(start, Clock.systemUTC().instant()));
        return Main.OK;
    }

    private void print(Path file, BackupManifest m, DataSummary summary, Duration took) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("bytes", Files.size(file));
            json.putAll(m.summary());
            json.putAll(summary.toMap());
            json.put("seconds", took.toMillis() / 1000.0);
            out.println(TraceJson.mapper().writeValueAsString(json));
            return;
        }
        out.printf("backup %s: %d files, %,d bytes of data (%,d in the file), verified%n", file, m.files().size(),
                m.totalBytes(), Files.size(file));
        out.printf("  store: format %d, commit %d, %s%n", m.storeFormat(), m.storeCommit(), summary.describe());
        m.checkpoint().values().forEach(p -> out.printf("  ingest position: %s line %,d%n", p.source(), p.lineNumber()));
        out.printf("  took %.1f s; restore with: mailtrace restore --from %s --data NEW_DIR%n", took.toMillis() / 1000.0, file);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
