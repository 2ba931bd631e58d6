package org.mailtrace.store.lucene;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.mailtrace.store.StoreException;

/**
 * The store's format number, written into the user data of every Lucene commit with the mailtrace
 * version that wrote it, so a newer mailtrace knows what it opens and an older one refuses a store it
 * cannot read instead of misreading it.
 *
 * <p>Formats: 1 = every store written before formats were numbered (no user data; traces may be in
 * older layouts: JSON text, rows without page doc values); 2 = every trace in the current layout,
 * plus this stamp. Readers handle every older layout; opening a format-1 store for writing rewrites
 * its old-layout traces ({@link StoreMigration}) and restamps it in one commit.
 */
final class StoreFormat {
    /** The format this build writes, and the newest it reads. */
    static final int CURRENT = 2;
    static final String FORMAT_KEY = "mailtrace.storeFormat";
    static final String WRITER_KEY = "mailtrace.version";
    private static final String WRITER = readWriterVersion();

    private StoreFormat() {
    }

    /** The user data every commit of this build carries. */
    static Map<String, String> commitData() {
        return Map.of(FORMAT_KEY, Integer.toString(CURRENT), WRITER_KEY, WRITER);
    }

    /** The format a commit's user data records; a commit without one is format 1. */
    static int of(Map<String, String> userData) {
        String v = userData.get(FORMAT_KEY);
        if (v == null) {
            return 1;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // unreadable: treat as newer than anything this build knows
        }
    }

    /** Refuses a store of a newer format, naming the mailtrace version that wrote it. */
    static void requireReadable(Path dataDir, Map<String, String> userData) {
        int format = of(userData);
        if (format > CURRENT) {
            String writer = userData.getOrDefault(WRITER_KEY, "a newer version");
            String recorded = userData.get(FORMAT_KEY);
            throw new StoreException(dataDir + ": the store has format " + recorded + ", written by mailtrace " + writer
                    + "; this mailtrace (" + WRITER + ") reads formats up to " + CURRENT + ": run mailtrace " + writer
                    + " or newer on this data directory, or restore a backup made before the upgrade "
                    + "('mailtrace restore --from FILE --data NEW_DIR')");
        }
    }

    /** This build's version, e.g. {@code 0.1.0}; "unknown" when run from classes Maven did not filter. */
    static String writerVersion() {
        return WRITER;
    }

    private static String readWriterVersion() {
        Properties p = new Properties();
        try (InputStream in = StoreFormat.class.getResourceAsStream("store.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Only a label in messages and commit data.
        }
        String v = p.getProperty("version");
        return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.strip();
    }
}
