package org.mailtrace.cli;

import java.nio.file.Path;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the embedded store lives. Shared by every command that touches traces. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", required = true, defaultValue = "${env:MAILTRACE_DATA}",
            description = "Data directory of the trace store (created by ingest). Default: $MAILTRACE_DATA.")
    Path data;

    /** Creates the directory at mode 700 (or tightens it: see {@code PrivateFiles}) and opens the store's writer. */
    TraceStore openForWriting() {
        try {
            PrivateFiles.restrictDataDirectory(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(data + ": cannot create the data directory or set it to mode 700: " + e.getMessage(), e);
        }
        return TraceStores.open("lucene", data, false);
    }

    /** Read-only, so searches work while an ingest holds the writer lock. */
    TraceStore openForReading() {
        if (!data.toFile().isDirectory()) {
            throw new IllegalArgumentException("--data " + data + " does not exist; run 'mailtrace ingest --data "
                    + data + " FILE' first");
        }
        return TraceStores.open("lucene", data, true);
    }
}
