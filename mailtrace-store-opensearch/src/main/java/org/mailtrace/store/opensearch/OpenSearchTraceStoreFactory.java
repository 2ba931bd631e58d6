package org.mailtrace.store.opensearch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStoreFactory;

/**
 * The "opensearch" store for {@link org.mailtrace.store.TraceStores}. Until stores are opened by
 * location, the cluster is named by {@code <dataDir>/opensearch.properties}: {@code url} plus the
 * options of docs/configuration.md ("OpenSearch store").
 */
public final class OpenSearchTraceStoreFactory implements TraceStoreFactory {
    /** The file in the data directory that names the cluster. */
    public static final String SETTINGS_FILE = "opensearch.properties";

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public TraceStore open(Path dataDir, boolean readOnly) {
        return open(settings(dataDir), readOnly);
    }

    /** Opens the store these settings name (the route a location + options will take). */
    public TraceStore open(OpenSearchSettings settings, boolean readOnly) {
        return OpenSearchTraceStore.open(settings, readOnly);
    }

    static OpenSearchSettings settings(Path dataDir) {
        Path file = dataDir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " not found: the opensearch store needs it with url=http(s)://HOST:PORT"
                    + " (and optionally index-prefix, username, password, ca-file); see docs/configuration.md");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> options = new HashMap<>();
        p.stringPropertyNames().forEach(k -> options.put(k, p.getProperty(k)));
        String url = options.remove("url");
        if (url == null || url.isBlank()) {
            throw new StoreException(file + " has no url=; add the cluster's endpoint, e.g. url=http://127.0.0.1:9200");
        }
        try {
            return OpenSearchSettings.of(url, options);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": " + e.getMessage(), e);
        }
    }
}
