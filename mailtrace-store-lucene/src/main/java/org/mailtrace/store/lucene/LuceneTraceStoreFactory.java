package org.mailtrace.store.lucene;

import java.nio.file.Path;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreFactory;

/** Opens the embedded Lucene store; registered as "lucene" for {@link org.mailtrace.store.TraceStores}. */
public final class LuceneTraceStoreFactory implements TraceStoreFactory {

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public TraceStore open(Path dataDir, boolean readOnly) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return readOnly ? LuceneTraceStore.openReadOnly(dir) : LuceneTraceStore.openWritable(dir);
    }
}
