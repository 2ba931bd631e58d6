package org.mailtrace.state;

import java.util.Optional;
import java.util.ServiceLoader;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;

/** Finds the {@link StateDocumentsFactory} of a store type. */
public final class StateStores {
    private StateStores() {
    }

    /** The server state of the store at this location, or empty when its type keeps it in files. */
    public static Optional<StateDocuments> open(StoreLocation location, StoreOptions options) {
        for (StateDocumentsFactory f : ServiceLoader.load(StateDocumentsFactory.class)) {
            if (f.type().equals(location.type())) {
                return Optional.of(f.open(location, options));
            }
        }
        return Optional.empty();
    }

    /** True when a factory on the class path keeps the server state of this store type. */
    public static boolean keepsState(StoreLocation location) {
        for (StateDocumentsFactory f : ServiceLoader.load(StateDocumentsFactory.class)) {
            if (f.type().equals(location.type())) {
                return true;
            }
        }
        return false;
    }
}
