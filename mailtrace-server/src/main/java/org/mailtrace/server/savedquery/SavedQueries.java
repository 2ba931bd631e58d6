package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Saved searches in {@code DIR/queries.json}, newest first: each private to its owner unless shared. Few and small, so
 * the whole list is kept in memory and the file rewritten atomically on each change.
 */
public final class SavedQueries implements SavedQueryStore {
    /** A guard against a script filling the disk; far above what people save by hand. */
    public static final int MAX = 10_000;

    private final Path file;
    private final Clock clock;
    private final List<SavedQuery> queries;

    public SavedQueries(Path dataDir, Clock clock) {
        this.file = dataDir.resolve("queries.json");
        this.clock = clock;
        this.queries = new ArrayList<>(JsonFiles.read(file, new TypeReference<List<SavedQuery>>() { }, List.of()));
    }

    /** The queries {@code user} may see: their own and the shared ones. */
    @Override
    public synchronized List<SavedQuery> visibleTo(String user) {
        return queries.stream().filter(q -> q.visibleTo(user)).toList();
    }

    @Override
    public synchronized Optional<SavedQuery> find(String id) {
        return queries.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /** @throws IllegalStateException when {@link #MAX} queries exist */
    @Override
    public synchronized SavedQuery add(String name, SearchCriteria query, String owner, boolean shared) {
        if (queries.size() >= MAX) {
            throw new IllegalStateException("there are already " + MAX + " saved queries; delete some first");
        }
        SavedQuery q = new SavedQuery(UUID.randomUUID().toString(), name, query, owner, clock.instant(), shared);
        queries.add(0, q);
        JsonFiles.write(file, queries);
        return q;
    }

    @Override
    public synchronized boolean remove(String id) {
        boolean removed = queries.removeIf(q -> q.id().equals(id));
        if (removed) {
            JsonFiles.write(file, queries);
        }
        return removed;
    }
}
