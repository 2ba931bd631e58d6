package org.mailtrace.store.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where and how the OpenSearch store talks to its cluster: the endpoint plus the options of
 * docs/configuration.md ("OpenSearch store"). Independent of how the options arrive (today the
 * environment through {@link org.mailtrace.store.StoreOptions}, see {@link OpenSearchTraceStoreFactory}).
 *
 * @param urls           the cluster's HTTP(S) endpoints, e.g. {@code http://127.0.0.1:9200}: requests are
 *                       spread over them and move to the next when one does not answer ({@link ClusterNodes})
 * @param username       basic-auth user, or null for none
 * @param password       basic-auth password (with {@code username})
 * @param caFile         PEM file of the CA(s) to trust for {@code https}, or null for the JVM's trust store
 * @param indexPrefix    the start of every index, alias and template name this store owns
 * @param shards         primary shards of each daily index created from now on (the index template carries it)
 * @param replicas       replicas of each daily index created from now on, and of the state and hop indices
 *                       when this store creates them (0 on a single node, else it stays yellow)
 * @param bulkMaxDocs    documents per bulk request at most
 * @param bulkMaxBytes   bytes per bulk request at most (a larger single document is sent alone)
 * @param maxRetries     retries of a request answered 429/503 or not answered by any node (a writable
 *                       store's writes go on waiting after them, see {@link ClusterClient#waiting()})
 * @param requestTimeout how long one HTTP request may take before the node counts as not answering
 */
public record OpenSearchSettings(List<URI> urls, String username, String password, Path caFile, String indexPrefix,
                                 int shards, int replicas, int bulkMaxDocs, int bulkMaxBytes, int maxRetries,
                                 Duration requestTimeout) {
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}");
    private static final Set<String> KEYS = Set.of("username", "password", "ca-file", "index-prefix", "shards",
            "replicas", "bulk-docs", "bulk-bytes", "retries", "timeout-seconds");

    public OpenSearchSettings {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch url; give http(s)://host[:port], e.g. http://127.0.0.1:9200");
        }
        urls = List.copyOf(urls);
        for (URI url : urls) {
            if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("OpenSearch url '" + url + "' is not http(s)://host[:port]; e.g. http://127.0.0.1:9200");
            }
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("OpenSearch request timeout " + requestTimeout + " must be positive, e.g. 60s");
        }
        if (!PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("index-prefix '" + indexPrefix
                    + "' must be lowercase letters, digits, '-' or '_', starting with a letter or digit");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("OpenSearch username and password go together; give both or neither");
        }
        atLeast("shards", shards, 1, "primary shards per daily index");
        atLeast("replicas", replicas, 0, "replicas per index");
        atLeast("bulk-docs", bulkMaxDocs, 1, "documents per bulk request");
        atLeast("bulk-bytes", bulkMaxBytes, 1024, "bytes per bulk request");
        atLeast("retries", maxRetries, 0, "retries");
    }

    private static void atLeast(String key, int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException("OpenSearch option " + key + " " + value + " is out of range: " + what
                    + " must be at least " + min);
        }
    }

    /** One endpoint; the other settings as given. */
    public OpenSearchSettings(URI url, String username, String password, Path caFile, String indexPrefix, int shards,
                              int replicas, int bulkMaxDocs, int bulkMaxBytes, int maxRetries, Duration requestTimeout) {
        this(List.of(url), username, password, caFile, indexPrefix, shards, replicas, bulkMaxDocs, bulkMaxBytes, maxRetries,
                requestTimeout);
    }

    /** The first endpoint: the one messages name when no particular node is meant. */
    public URI url() {
        return urls.get(0);
    }

    /** The defaults for a cluster at this URL. */
    public static OpenSearchSettings of(URI url) {
        return of(List.of(url));
    }

    /** The defaults for a cluster at these URLs. */
    public static OpenSearchSettings of(List<URI> urls) {
        return new OpenSearchSettings(urls, null, null, null, "mailtrace", 1, 1, 5000, 8 * 1024 * 1024, 8,
                Duration.ofSeconds(60));
    }

    /**
     * Settings from the endpoints (comma-separated) and named options (keys as in docs/configuration.md).
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static OpenSearchSettings of(String urls, Map<String, String> options) {
        List<URI> list = new ArrayList<>();
        for (String u : urls.split(",")) {
            list.add(URI.create(u.trim()));
        }
        return of(list, options);
    }

    /**
     * Settings from the endpoints and named options (keys as in docs/configuration.md).
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static OpenSearchSettings of(List<URI> urls, Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown OpenSearch option(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        OpenSearchSettings d = of(urls);
        String ca = options.get("ca-file");
        String timeout = options.get("timeout-seconds");
        return new OpenSearchSettings(d.urls(), options.get("username"), options.get("password"),
                ca == null ? null : Path.of(ca), options.getOrDefault("index-prefix", d.indexPrefix()),
                number(options, "shards", d.shards()), number(options, "replicas", d.replicas()),
                number(options, "bulk-docs", d.bulkMaxDocs()), number(options, "bulk-bytes", d.bulkMaxBytes()),
                number(options, "retries", d.maxRetries()),
                timeout == null ? d.requestTimeout() : Duration.ofSeconds(number(options, "timeout-seconds", 60)));
    }

    /** The same settings with another index prefix (tests give each store its own). */
    public OpenSearchSettings withIndexPrefix(String prefix) {
        return new OpenSearchSettings(urls, username, password, caFile, prefix, shards, replicas, bulkMaxDocs,
                bulkMaxBytes, maxRetries, requestTimeout);
    }

    /** The same settings with another request timeout. */
    public OpenSearchSettings withRequestTimeout(Duration timeout) {
        return new OpenSearchSettings(urls, username, password, caFile, indexPrefix, shards, replicas, bulkMaxDocs,
                bulkMaxBytes, maxRetries, timeout);
    }

    /** The same settings with another retry count. */
    public OpenSearchSettings withRetries(int retries) {
        return new OpenSearchSettings(urls, username, password, caFile, indexPrefix, shards, replicas, bulkMaxDocs,
                bulkMaxBytes, retries, requestTimeout);
    }

    /** The same settings with another replica count. */
    public OpenSearchSettings withReplicas(int n) {
        return new OpenSearchSettings(urls, username, password, caFile, indexPrefix, shards, n, bulkMaxDocs,
                bulkMaxBytes, maxRetries, requestTimeout);
    }

    private static int number(Map<String, String> options, String key, int dflt) {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OpenSearch option " + key + " '" + v + "' is not a whole number", e);
        }
    }

    @Override
    public String toString() {
        // Never the password.
        return "OpenSearchSettings[urls=" + urls + ", username=" + username + ", caFile=" + caFile + ", indexPrefix="
                + indexPrefix + "]";
    }
}
