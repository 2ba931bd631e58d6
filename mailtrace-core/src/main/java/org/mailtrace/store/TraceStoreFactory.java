package org.mailtrace.store;

import java.nio.file.Path;

/**
 * Opens a {@link TraceStore} of one kind, found by {@link #name()} through {@link java.util.ServiceLoader}
 * ({@link TraceStores}).
 */
public interface TraceStoreFactory {

    /** Lowercase kind: "lucene". */
    String name();

    /** Opens (creating if needed) the store under this data directory. */
    TraceStore open(Path dataDir);
}
