package org.mailtrace.server.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mailtrace.server.PrivateFiles;
import org.mailtrace.server.savedquery.JsonFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reports directory, {@code DIR/reports/}: per report {@code <id>.json} (the {@link ReportOrder},
 * rewritten atomically at each state change) and {@code <id>.csv} (renamed into place from
 * {@code <id>.csv.part} when complete, so a half-written CSV is never offered for download).
 */
final class ReportFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path dir;

    ReportFiles(Path dataDir) {
        this.dir = dataDir.resolve("reports");
        try {
            PrivateFiles.directories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the reports directory: " + e.getMessage(), e);
        }
    }

    Path csv(String id) {
        return dir.resolve(id + ".csv");
    }

    Path partialCsv(String id) {
        return dir.resolve(id + ".csv.part");
    }

    void save(ReportOrder o) {
        JsonFiles.write(dir.resolve(o.report().id() + ".json"), o);
    }

    /** Every readable order; unreadable files are logged and skipped, never fatal at start. */
    List<ReportOrder> loadAll() {
        List<ReportOrder> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    out.add(JsonFiles.read(f, new TypeReference<ReportOrder>() { }, null));
                } catch (UncheckedIOException e) {
                    LOG.warn("{}: skipping an unreadable report: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list reports: " + e.getMessage(), e);
        }
        return out;
    }

    void delete(String id) {
        for (Path p : List.of(csv(id), partialCsv(id), dir.resolve(id + ".json"))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("{}: cannot delete: {}", p, e.getMessage());
            }
        }
    }
}
