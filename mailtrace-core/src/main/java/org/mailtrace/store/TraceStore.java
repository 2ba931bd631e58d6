package org.mailtrace.store;

/**
 * A trace store as an implementation provides it: both sides plus its lifetime. Implementations:
 * Lucene (embedded, default); OpenSearch later. Opened by {@link TraceStores#open} from a
 * {@link StoreLocation}; whoever opens it closes it.
 *
 * <p>Callers that only search take a {@link TraceReader}, the ingest side a {@link TraceWriter};
 * each states its part of the contract, which {@code TraceStoreContract} checks for every
 * implementation.
 */
public interface TraceStore extends TraceReader, TraceWriter, AutoCloseable {

    /**
     * Where several ingest processes writing this store join a message's hops across their hosts,
     * or empty when the store cannot (then hops join only inside one process).
     */
    default java.util.Optional<HopDirectory> hopDirectory() {
        return java.util.Optional.empty();
    }

    /** Releases the store (writer lock, files, connections); what was only staged is discarded. */
    @Override
    void close();
}
