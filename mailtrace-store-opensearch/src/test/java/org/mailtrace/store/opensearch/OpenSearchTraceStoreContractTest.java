package org.mailtrace.store.opensearch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.store.TraceStoreContract;

/**
 * The store contract against a real OpenSearch node. Each fixture the contract asks for is an index
 * prefix of its own, so tests never see each other's traces; the indices are dropped after each test.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchTraceStoreContractTest extends TraceStoreContract {
    private static final AtomicInteger FIXTURES = new AtomicInteger();
    private final Set<String> prefixes = new LinkedHashSet<>();

    /** Each fixture is an index prefix of its own on the test node. */
    @Override
    protected StoreFixture newFixture() {
        String prefix = "mt-contract-" + ProcessHandle.current().pid() + "-" + FIXTURES.incrementAndGet();
        prefixes.add(prefix);
        OpenSearchSettings s = OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
        return readOnly -> new OpenSearchTraceStoreFactory().open(s, readOnly);
    }

    @AfterEach
    void dropIndices() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String p : prefixes) {
            URI base = OpenSearchNodeExtension.url();
            http.send(HttpRequest.newBuilder(base.resolve("/" + p + "-traces-*," + p + "-state," + p + "-hops?ignore_unavailable=true"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(base.resolve("/_index_template/" + p + "-traces")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
