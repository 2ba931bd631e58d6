package org.mailtrace.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One file's first bytes, to compare with many saved identities ({@link FileLineSource#identity()}):
 * the bytes are read and hashed once for each length the identities name, not once per identity.
 * Finding a file's saved position in a folder of thousands of Exchange logs, each with a position,
 * otherwise reads every file's head once for every position.
 *
 * <p>Not thread-safe; meant for one look at the file (it does not notice the file changing).
 */
public final class ContentHead {
    private final Path path;
    private final Map<Integer, String> identityByLength = new HashMap<>();

    public ContentHead(Path path) {
        this.path = path;
    }

    /** True when the file starts with the bytes that gave {@code savedIdentity}. */
    public boolean matches(String savedIdentity) throws IOException {
        int n = hashedBytes(savedIdentity);
        if (n <= 0) {
            return false;
        }
        String mine = identityByLength.get(n);
        if (mine == null) {
            mine = FileLineSource.identityOf(path, n);
            identityByLength.put(n, mine);
        }
        return mine.equals(savedIdentity);
    }

    /** How many leading bytes {@code identity} hashed ({@code file:N:hash}), or 0 when it is no file identity. */
    private static int hashedBytes(String identity) {
        if (identity == null || !identity.startsWith("file:")) {
            return 0;
        }
        String[] parts = identity.split(":");
        if (parts.length != 3) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
