package org.mailtrace.store;

import java.nio.file.Path;

/**
 * Opens a {@link TraceStore} of one kind, found by {@link #name()} through {@link java.util.ServiceLoader}
 * ({@link TraceStores}).
 */
public interface TraceStoreFactory {

    /** Lowercase kind: "lucene". */
    String name();

    /**
     * Opens the store under this data directory.
     *
     * @param readOnly true for searching while another process ingests: never creates, never writes,
     *                 {@link TraceStore#commit} and {@link TraceStore#deleteReceivedBefore} throw
     *                 {@link StoreException}; false creates the store if needed and takes the writer lock
     * @throws StoreException when the directory is unusable (unwritable, locked by another writer,
     *                        not a store), with a message that says which and what to do
     */
    TraceStore open(Path dataDir, boolean readOnly);
}
