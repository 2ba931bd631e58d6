package org.mailtrace.state;

import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;

/**
 * Opens the {@link StateDocuments} of the stores of one {@link StoreLocation#type() type}, found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/org.mailtrace.state.StateDocumentsFactory})
 * by {@link StateStores}. A store type kept in a local directory has none: its server state is in files.
 */
public interface StateDocumentsFactory {

    /** The location type, as its {@link org.mailtrace.store.TraceStoreFactory#type()}. */
    String type();

    /**
     * The server state beside the store at this location, with the same options (credentials, CA,
     * index prefix). Nothing is created before the first write.
     *
     * @throws org.mailtrace.store.StoreException when the store is unreachable or refuses the credentials
     */
    StateDocuments open(StoreLocation location, StoreOptions options);
}
