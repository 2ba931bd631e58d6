package org.mailtrace.store.opensearch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreContract;

/**
 * The store contract against a real OpenSearch node. Each data directory the contract uses maps to
 * its own index prefix, so tests never see each other's traces; the indices are dropped after each test.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchTraceStoreContractTest extends TraceStoreContract {
    private final Set<String> prefixes = new LinkedHashSet<>();

    @Override
    protected TraceStore openStore(Path dir, boolean readOnly) {
        String prefix = prefixFor(dir);
        prefixes.add(prefix);
        OpenSearchSettings s = OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
        return new OpenSearchTraceStoreFactory().open(s, readOnly);
    }

    static String prefixFor(Path dir) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "mt-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void dropIndices() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String p : prefixes) {
            URI base = OpenSearchNodeExtension.url();
            http.send(HttpRequest.newBuilder(base.resolve("/" + p + "-traces-*," + p + "-state?ignore_unavailable=true"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(base.resolve("/_index_template/" + p + "-traces")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
