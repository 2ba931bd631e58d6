package org.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.server.ServerState;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.state.StateStores;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStores;

/**
 * Where {@code serve} keeps its own state: files in the data directory of a store that has one, or
 * documents in the cluster of a store that has none ({@code opensearch:...}), so that any number of
 * serving processes share accounts, tokens, sign-ins, saved queries, the audit log and report jobs
 * (with their CSVs). For a cluster, the CSV of a report that runs here is written in a private
 * temporary directory first, deleted when the server stops.
 */
record ServeState(ServerState state, Path temporaryReports, String describe) implements AutoCloseable {

    /**
     * @param data the data directory, or null when the store has none
     * @throws IllegalArgumentException when the store has neither a data directory nor a place for the state
     */
    static ServeState open(Path data, StoreLocation store, Map<String, String> env, PrintWriter err) throws IOException {
        Clock clock = Clock.systemUTC();
        if (data != null) {
            DataOption.requireNotAFile(data);
            if (PrivateFiles.restrictDataDirectory(data)) {
                err.println("serve: " + data + ": set to mode 700 (it was open to other local users; traces and reports are personal data)");
            }
            return new ServeState(ServerState.inDirectory(data, clock), null, "data " + data);
        }
        StateDocuments documents = StateStores.open(store, StoreOptions.fromEnvironment(false, env))
                .orElseThrow(() -> new IllegalArgumentException(noPlaceFor(store)));
        Path reports;
        try {
            reports = Files.createTempDirectory("mailtrace-serve-");
            PrivateFiles.restrictDataDirectory(reports);
        } catch (IOException | RuntimeException e) {
            documents.close();
            throw e;
        }
        err.println("serve: accounts, tokens, sessions, saved queries, the audit log and report jobs are in " + store
                + "; CSVs of reports running on this server are written in " + reports + " (deleted when it stops)");
        return new ServeState(ServerState.shared(documents, reports, clock), reports, "state in " + store);
    }

    /** What to say when the store keeps neither files nor documents of the server. */
    static String noPlaceFor(StoreLocation store) {
        return store + ": the " + store.type() + " store keeps no data directory, and this build has no place in it for "
                + "mailtrace's accounts, saved queries and audit log; give lucene:DIR or a data directory";
    }

    /** True when the store at this location keeps the server's state (accounts...) itself. */
    static boolean inStore(StoreLocation store) {
        return TraceStores.directory(store).isEmpty() && StateStores.keepsState(store);
    }

    @Override
    public void close() {
        state.close();
        if (temporaryReports != null) {
            deleteTree(temporaryReports);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot delete this server's report directory: " + e.getMessage(), e);
        }
    }
}
