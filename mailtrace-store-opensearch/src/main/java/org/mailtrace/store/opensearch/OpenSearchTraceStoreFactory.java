package org.mailtrace.store.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreFactory;

/**
 * The "opensearch" store for {@link org.mailtrace.store.TraceStores}:
 * {@code --store opensearch:http(s)://HOST:9200[,HOST2:9200...]}, with credentials, CA file, index
 * prefix, writer name, request timeout, retries, shards, replicas and bulk size from
 * {@link StoreOptions} (the environment, see docs/configuration.md). The store keeps no local files.
 */
public final class OpenSearchTraceStoreFactory implements TraceStoreFactory {

    @Override
    public String type() {
        return "opensearch";
    }

    @Override
    public TraceStore open(StoreLocation location, StoreOptions options) {
        return OpenSearchTraceStore.open(settings(location, options), options.readOnly(), options.writer(),
                options.shards() != null || options.replicas() != null);
    }

    @Override
    public Optional<Path> directory(StoreLocation location) {
        return Optional.empty();
    }

    /** Opens the store these settings name. */
    public TraceStore open(OpenSearchSettings settings, boolean readOnly) {
        return OpenSearchTraceStore.open(settings, readOnly);
    }

    /** The settings of a location and its options: requests are spread over all the location's URLs. */
    static OpenSearchSettings settings(StoreLocation location, StoreOptions options) {
        List<URI> urls = location.urls();
        Map<String, String> named = new HashMap<>();
        if (options.username() != null) {
            named.put("username", options.username());
            named.put("password", options.password() == null ? "" : options.password());
        }
        if (options.caFile() != null) {
            named.put("ca-file", options.caFile().toString());
        }
        named.put("index-prefix", options.indexPrefix());
        put(named, "shards", options.shards());
        put(named, "replicas", options.replicas());
        put(named, "bulk-docs", options.bulkDocs());
        put(named, "bulk-bytes", options.bulkMiB() == null ? null : options.bulkMiB() * 1024 * 1024);
        try {
            OpenSearchSettings s = OpenSearchSettings.of(urls, named);
            if (options.requestTimeout() != null) {
                s = s.withRequestTimeout(options.requestTimeout());
            }
            return options.retries() == null ? s : s.withRetries(options.retries());
        } catch (IllegalArgumentException e) {
            throw new StoreException(location + ": " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> named, String key, Integer value) {
        if (value != null) {
            named.put(key, value.toString());
        }
    }
}
