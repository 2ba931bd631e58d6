package org.mailtrace.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the embedded store lives. Shared by every command that touches traces. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", required = true, defaultValue = "${env:MAILTRACE_DATA}",
            description = "Data directory of the trace store (created by ingest). Default: the data key of $MAILTRACE_CONFIG, else $MAILTRACE_DATA.")
    Path data;

    /** Creates the directory at mode 700 (or tightens it: see {@code PrivateFiles}) and opens the store's writer. */
    TraceStore openForWriting() {
        requireNotAFile(data);
        try {
            PrivateFiles.restrictDataDirectory(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(data + ": cannot create the data directory or set it to mode 700: " + e.getMessage(), e);
        }
        return TraceStores.open("lucene", data, false);
    }

    /** Read-only, so searches work while an ingest holds the writer lock. */
    TraceStore openForReading() {
        if (Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + " is a file, not a data directory; give the directory "
                    + "that 'mailtrace ingest --data DIR' wrote (e.g. --data /var/lib/mailtrace)");
        }
        if (!data.toFile().isDirectory()) {
            throw new IllegalArgumentException("--data " + data + " does not exist; run 'mailtrace ingest --data "
                    + data + " FILE' first");
        }
        return TraceStores.open("lucene", data, true);
    }

    /**
     * Refuses a data directory that is an existing regular file (say, the mail log named by mistake)
     * before anything tries to create directories there and fails with only the path as its message.
     */
    static void requireNotAFile(Path data) {
        if (data != null && Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + " is a file, not a data directory; name a directory "
                    + "(it is created when missing), e.g. --data /var/lib/mailtrace");
        }
    }
}
