package org.mailtrace.store.lucene;

import java.nio.file.Path;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreContract;
import org.mailtrace.store.TraceStores;

/** The store contract against the Lucene store, opened by name as the CLI does. */
class LuceneTraceStoreTest extends TraceStoreContract {
    @Override
    protected TraceStore openStore(Path dir, boolean readOnly) {
        return TraceStores.open("lucene", dir, readOnly);
    }
}
