package org.mailtrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * What a data directory holds, as backup and restore report it: rows in the store (opening it
 * read-only, which also proves it opens), accounts, saved queries, reports and audit lines.
 */
record DataSummary(long rows, int accounts, boolean savedQueries, int reports, long auditLines) {

    static DataSummary of(Path data) throws IOException {
        long rows;
        try (TraceStore store = TraceStores.open(StoreLocation.ofDirectory(data), StoreOptions.of(true))) {
            rows = store.count(TraceQuery.all());
        }
        int accounts = Files.exists(data.resolve("users.json"))
                ? new JsonFileUserStore(data.resolve("users.json")).list().size() : 0;
        int reports = 0;
        if (Files.isDirectory(data.resolve("reports"))) {
            try (Stream<Path> files = Files.list(data.resolve("reports"))) {
                reports = (int) files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            }
        }
        long audit = 0;
        Path auditLog = data.resolve("audit").resolve("audit.jsonl");
        if (Files.exists(auditLog)) {
            try (Stream<String> lines = Files.lines(auditLog)) {
                audit = lines.count();
            }
        }
        return new DataSummary(rows, accounts, Files.exists(data.resolve("queries.json")), reports, audit);
    }

    /** For {@code --output json}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("accounts", accounts);
        m.put("savedQueries", savedQueries);
        m.put("reports", reports);
        m.put("auditLines", auditLines);
        return m;
    }

    /** One line for people. */
    String describe() {
        return String.format("%,d rows, %d account(s), %s, %d report(s), %,d audit line(s)", rows, accounts,
                savedQueries ? "saved queries" : "no saved queries", reports, auditLines);
    }
}
