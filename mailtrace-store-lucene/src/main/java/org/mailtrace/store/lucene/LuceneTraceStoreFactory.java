package org.mailtrace.store.lucene;

import java.nio.file.Path;
import java.util.Optional;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreFactory;

/**
 * Opens the embedded Lucene store; registered as type "lucene" for {@link org.mailtrace.store.TraceStores}.
 * The location's argument is the data directory ({@code lucene:/var/lib/mailtrace}); of the options
 * only read-only applies.
 */
public final class LuceneTraceStoreFactory implements TraceStoreFactory {

    @Override
    public String type() {
        return "lucene";
    }

    @Override
    public TraceStore open(StoreLocation location, StoreOptions options) {
        Path dir = location.path().toAbsolutePath().normalize();
        return options.readOnly() ? LuceneTraceStore.openReadOnly(dir) : LuceneTraceStore.openWritable(dir);
    }

    @Override
    public Optional<Path> directory(StoreLocation location) {
        return Optional.of(location.path());
    }
}
