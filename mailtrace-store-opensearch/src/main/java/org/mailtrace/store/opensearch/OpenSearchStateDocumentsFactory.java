package org.mailtrace.store.opensearch;

import org.mailtrace.state.StateDocuments;
import org.mailtrace.state.StateDocumentsFactory;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;

/**
 * The server state of an {@code opensearch:} store (accounts, sessions, saved queries, the audit log):
 * indices {@code <prefix>-<kind>} beside the trace indices, same cluster, credentials and prefix.
 */
public final class OpenSearchStateDocumentsFactory implements StateDocumentsFactory {

    @Override
    public String type() {
        return "opensearch";
    }

    @Override
    public StateDocuments open(StoreLocation location, StoreOptions options) {
        return new OpenSearchStateDocuments(OpenSearchTraceStoreFactory.settings(location, options));
    }
}
