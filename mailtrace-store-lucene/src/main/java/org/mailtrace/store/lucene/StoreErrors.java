package org.mailtrace.store.lucene;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.apache.lucene.store.LockObtainFailedException;
import org.mailtrace.store.StoreException;

/**
 * Turns I/O failures into {@link StoreException}s that start with the data directory and say what
 * happened and what to do about it, so an operator can act without reading a stack trace.
 */
final class StoreErrors {
    private StoreErrors() {
    }

    /**
     * @param dataDir the store's data directory
     * @param doing   what was being done, e.g. "committing 12 traces"
     */
    static StoreException of(Path dataDir, String doing, Throwable e) {
        return new StoreException(dataDir + ": " + doing + " failed: " + describe(e) + "; " + advice(e), e);
    }

    static StoreException readOnly(Path dataDir, String doing) {
        return new StoreException(dataDir + ": cannot " + doing + ": the store was opened read-only; "
                + "open it for writing (only one writer at a time) to change it");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    private static String advice(Throwable e) {
        if (e instanceof LockObtainFailedException) {
            return "another process (probably another ingest) holds the writer lock; stop it, "
                    + "or open the store read-only to search while it runs";
        }
        if (isDiskFull(e)) {
            return "the disk is full; free some space and run again (the last commit is intact, "
                    + "the changes of this commit were discarded)";
        }
        if (e instanceof AccessDeniedException) {
            return "the directory is not writable by this user; fix its permissions or choose another data directory";
        }
        if (e instanceof FileSystemException) {
            return "check that the path is a writable directory on a local disk";
        }
        if (e instanceof IOException) {
            return "check the disk and the directory; the last successful commit is intact";
        }
        return "the last successful commit is intact";
    }

    private static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
