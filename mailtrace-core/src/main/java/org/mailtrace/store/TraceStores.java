package org.mailtrace.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens stores by kind name; an unknown name fails with the list of the known ones. */
public final class TraceStores {
    private TraceStores() {
    }

    public static TraceStore open(String kind, Path dataDir, boolean readOnly) {
        List<String> known = new ArrayList<>();
        for (TraceStoreFactory f : ServiceLoader.load(TraceStoreFactory.class)) {
            if (f.name().equalsIgnoreCase(kind)) {
                return f.open(dataDir, readOnly);
            }
            known.add(f.name());
        }
        throw new IllegalArgumentException("unknown store '" + kind + "'; known stores: " + known);
    }
}
