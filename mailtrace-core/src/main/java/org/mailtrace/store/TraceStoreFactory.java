package org.mailtrace.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the {@link TraceStore}s of one {@link StoreLocation#type() type}; found through
 * {@link java.util.ServiceLoader} by {@link TraceStores}, so a store is a jar on the class path
 * with a {@code META-INF/services/org.mailtrace.store.TraceStoreFactory} line.
 */
public interface TraceStoreFactory {

    /** The location type this factory opens, lowercase: "lucene". */
    String type();

    /**
     * Opens the store at a location of {@link #type()}.
     *
     * @throws IllegalArgumentException when the location's argument is malformed for this type
     * @throws StoreException           when the store is unusable (unwritable, locked by another
     *                                  writer, not a store, unreachable), with a message that says
     *                                  which and what to do
     */
    TraceStore open(StoreLocation location, StoreOptions options);

    /**
     * The local directory the store at this location keeps its files in, where mailtrace also keeps
     * its own (accounts, saved queries, reports, the audit log); empty for a store that has none, such
     * as one reached over the network.
     */
    Optional<Path> directory(StoreLocation location);
}
