package org.mailtrace.store.lucene;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStoreContract;
import org.mailtrace.store.TraceStores;

/**
 * The store contract against the Lucene store, opened by location as the CLI does: each fixture is
 * a directory that does not exist yet. A commit is visible when it returns and a read-only open works
 * beside the writer, so no hook is overridden and no case is skipped.
 */
class LuceneTraceStoreTest extends TraceStoreContract {
    @TempDir
    Path tmp;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected StoreFixture newFixture() {
        StoreLocation location = StoreLocation.ofDirectory(tmp.resolve("store-" + stores.incrementAndGet()));
        return readOnly -> TraceStores.open(location, StoreOptions.of(readOnly));
    }
}
