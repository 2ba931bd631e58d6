package org.mailtrace.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Opens stores by their {@link StoreLocation}, through the {@link TraceStoreFactory} of its type.
 * A type no factory on the class path opens fails with the types this build has and what to write.
 */
public final class TraceStores {
    /** Store types that are planned but not in this build: named as such instead of as unknown. */
    private static final Set<String> NOT_IN_THIS_BUILD = Set.of("opensearch");

    private TraceStores() {
    }

    /** Opens the store at this location. See {@link TraceStoreFactory#open}. */
    public static TraceStore open(StoreLocation location, StoreOptions options) {
        return factory(location).open(location, options);
    }

    /** Shorthand for a store of this type in a directory: {@code open("lucene", dir, readOnly)}. */
    public static TraceStore open(String type, Path dir, boolean readOnly) {
        return open(new StoreLocation(type, dir.toString()), StoreOptions.of(readOnly));
    }

    /**
     * The local directory of the store at this location; empty for a store without one.
     *
     * @throws IllegalArgumentException when no factory opens its type
     */
    public static Optional<Path> directory(StoreLocation location) {
        return factory(location).directory(location);
    }

    /**
     * The data directory of the store at this location, where mailtrace keeps its other files.
     *
     * @throws IllegalArgumentException when the store has none (a network store) or no factory opens
     *                                  its type, saying what to give instead
     */
    public static Path dataDirectory(StoreLocation location) {
        return directory(location).orElseThrow(() -> new IllegalArgumentException(location
                + ": the " + location.type() + " store keeps no data directory (serve and user keep their accounts, saved "
                + "queries and audit log in such a store itself); backup and restore copy a data directory of the embedded "
                + "store only: back up a cluster with its own snapshots (docs/store-opensearch.md); "
                + "give lucene:DIR or a data directory"));
    }

    /** The types this build opens, lowercase, in class path order. */
    public static List<String> types() {
        List<String> types = new ArrayList<>();
        for (TraceStoreFactory f : ServiceLoader.load(TraceStoreFactory.class)) {
            types.add(f.type());
        }
        return types;
    }

    private static TraceStoreFactory factory(StoreLocation location) {
        for (TraceStoreFactory f : ServiceLoader.load(TraceStoreFactory.class)) {
            if (f.type().equals(location.type())) {
                return f;
            }
        }
        String have = String.join(", ", types());
        if (NOT_IN_THIS_BUILD.contains(location.type())) {
            throw new IllegalArgumentException(location + ": the " + location.type() + " store is not available in this "
                    + "build (it has: " + have + "); give lucene:DIR or a data directory");
        }
        throw new IllegalArgumentException(location + ": unknown store type '" + location.type() + "'; known: " + have
                + ". Write TYPE:ARGUMENT (lucene:/var/lib/mailtrace) or a directory; a directory whose name "
                + "has a ':' as ./NAME or lucene:NAME");
    }
}
