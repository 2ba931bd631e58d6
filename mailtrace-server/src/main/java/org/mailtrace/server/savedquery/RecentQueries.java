package org.mailtrace.server.savedquery;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Each user's last searches ({@value #KEEP}, newest first, without repeats), autosaved by every
 * successful search so the console can offer "search again". One file per user,
 * {@code DIR/recent/<user>.json}, rewritten atomically.
 */
public final class RecentQueries implements RecentQueryStore {
    public static final int KEEP = 10;
    /** User names are checked by the user store; this keeps any other name from leaving the directory. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

    private final Path dir;
    private final Clock clock;

    public RecentQueries(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve("recent");
        this.clock = clock;
    }

    @Override
    public synchronized void record(String user, SearchCriteria query) {
        Path f = file(user);
        List<Recent> list = new ArrayList<>(read(f));
        list.removeIf(r -> r.query().equals(query));
        list.add(0, new Recent(query, clock.instant()));
        while (list.size() > KEEP) {
            list.remove(list.size() - 1);
        }
        JsonFiles.write(f, list);
    }

    @Override
    public synchronized List<Recent> of(String user) {
        return read(file(user));
    }

    private static List<Recent> read(Path f) {
        return JsonFiles.read(f, new TypeReference<List<Recent>>() { }, List.of());
    }

    private Path file(String user) {
        String safe = SAFE_NAME.matcher(user).matches() && !user.startsWith(".") ? user
                : "u-" + org.mailtrace.server.auth.Tokens.sha256(user);
        return dir.resolve(safe + ".json");
    }
}
