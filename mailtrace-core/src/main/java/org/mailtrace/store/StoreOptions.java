package org.mailtrace.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to open a store, beside where ({@link StoreLocation}). Every store honours {@code readOnly};
 * the others are for a store reached over the network, and a store that has no use for one ignores it.
 *
 * @param readOnly    search only, while another process ingests: never creates, never writes, and
 *                    every write throws {@link StoreException}; false creates the store if needed and
 *                    makes this the one writer
 * @param username    user name to authenticate as, or null for none
 * @param password    its password, or null; only with a user name, and never in {@link #toString()}
 * @param caFile      PEM file of the certificate authority the servers' TLS certificates are checked
 *                    against, or null for the JVM's trust store
 * @param indexPrefix start of the names of the store's indices, so installations can share one cluster:
 *                    lowercase letters, digits, '-' and '_', starting with a letter or digit
 * @param writer      the name of this ingest process's checkpoint in a store several ingest processes
 *                    write (one per MTA host or log source), or null for the single writer: same
 *                    characters as the index prefix
 * @param requestTimeout how long one request to a network store may take before the server counts as
 *                    not answering (and the next one is tried), or null for the store's default
 * @param retries     how often a request is repeated while the store is unavailable before a search
 *                    fails (ingest goes on waiting), or null for the store's default
 * @param shards      primary shards of each daily index a sharded store creates from now on, or null for
 *                    the store's default: 1 to {@value #MAX_SHARDS}
 * @param replicas    replicas of each index a replicated store creates from now on, or null for the
 *                    store's default: 0 to {@value #MAX_REPLICAS}
 * @param bulkDocs    documents per bulk write request at most, or null for the store's default: 1 to
 *                    {@value #MAX_BULK_DOCS}
 * @param bulkMiB     MiB per bulk write request at most (a larger single document goes alone), or null
 *                    for the store's default: 1 to {@value #MAX_BULK_MIB}
 */
public record StoreOptions(boolean readOnly, String username, String password, Path caFile, String indexPrefix,
                           String writer, Duration requestTimeout, Integer retries, Integer shards, Integer replicas,
                           Integer bulkDocs, Integer bulkMiB) {
    /** The index prefix when none is given. */
    public static final String DEFAULT_INDEX_PREFIX = "mailtrace";

    /** OpenSearch's own limit on an index's primary shards. */
    public static final int MAX_SHARDS = 1024;
    /** Far above any useful count: a typo guard. */
    public static final int MAX_REPLICAS = 100;
    public static final int MAX_BULK_DOCS = 1_000_000;
    /** Below OpenSearch's default {@code http.max_content_length} of 100 MiB, which refuses a larger request. */
    public static final int MAX_BULK_MIB = 90;

    private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    public StoreOptions {
        if (username != null && username.isBlank()) {
            username = null;
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a store password needs a store user name; give both, or neither");
        }
        indexPrefix = indexPrefix == null ? DEFAULT_INDEX_PREFIX : indexPrefix;
        if (!INDEX_PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("store index prefix '" + indexPrefix + "' is not usable in index names; use "
                    + "lowercase letters, digits, '-' and '_' (at most 100), starting with a letter or digit, e.g. mailtrace");
        }
        if (writer != null && !INDEX_PREFIX.matcher(writer).matches()) {
            throw new IllegalArgumentException("store writer name '" + writer + "' is not usable; use lowercase letters, "
                    + "digits, '-' and '_', starting with a letter or digit, e.g. the MTA host's name: mx1");
        }
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("store request timeout " + requestTimeout + " must be positive, e.g. 30s");
        }
        if (retries != null && (retries < 0 || retries > 1000)) {
            throw new IllegalArgumentException("store retries " + retries + " must be 0 to 1000, e.g. 8");
        }
        inRange("MAILTRACE_STORE_SHARDS", shards, 1, MAX_SHARDS, "primary shards per daily index",
                "aim at 10-50 GB per shard and day, e.g. 8 for 100M messages a day (docs/scale-out.md, Size)");
        inRange("MAILTRACE_STORE_REPLICAS", replicas, 0, MAX_REPLICAS, "replicas per index",
                "0 on a single node, 1 or more on a cluster of several nodes");
        inRange("MAILTRACE_STORE_BULK_DOCS", bulkDocs, 1, MAX_BULK_DOCS, "documents per bulk request", "e.g. 5000");
        inRange("MAILTRACE_STORE_BULK_MB", bulkMiB, 1, MAX_BULK_MIB, "MiB per bulk request",
                "stay below the cluster's http.max_content_length (100 MiB by default), e.g. 8");
    }

    public StoreOptions(boolean readOnly, String username, String password, Path caFile, String indexPrefix, String writer,
                        Duration requestTimeout, Integer retries) {
        this(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, retries, null, null, null, null);
    }

    public StoreOptions(boolean readOnly, String username, String password, Path caFile, String indexPrefix, String writer) {
        this(readOnly, username, password, caFile, indexPrefix, writer, null, null);
    }

    public StoreOptions(boolean readOnly, String username, String password, Path caFile, String indexPrefix) {
        this(readOnly, username, password, caFile, indexPrefix, null);
    }

    /** Read-only or writable, nothing else set: all the Lucene store reads. */
    public static StoreOptions of(boolean readOnly) {
        return new StoreOptions(readOnly, null, null, null, null);
    }

    /**
     * The options a network store takes from the environment, so no secret is on a command line:
     * {@code MAILTRACE_STORE_USER}, {@code MAILTRACE_STORE_PASSWORD} or {@code MAILTRACE_STORE_PASSWORD_FILE}
     * (a file holding it, first line), {@code MAILTRACE_STORE_CA_FILE}, {@code MAILTRACE_STORE_INDEX_PREFIX},
     * {@code MAILTRACE_STORE_WRITER}, {@code MAILTRACE_STORE_TIMEOUT} ({@code 30s}, {@code 2m}, {@code 500ms};
     * a bare number is seconds), {@code MAILTRACE_STORE_RETRIES}, {@code MAILTRACE_STORE_SHARDS},
     * {@code MAILTRACE_STORE_REPLICAS}, {@code MAILTRACE_STORE_BULK_DOCS}, {@code MAILTRACE_STORE_BULK_MB}.
     *
     * @throws IllegalArgumentException when the password file cannot be read, or a value is unusable
     */
    public static StoreOptions fromEnvironment(boolean readOnly, java.util.Map<String, String> env) {
        String password = blankToNull(env.get("MAILTRACE_STORE_PASSWORD"));
        String passwordFile = blankToNull(env.get("MAILTRACE_STORE_PASSWORD_FILE"));
        if (password == null && passwordFile != null) {
            try {
                String text = java.nio.file.Files.readString(Path.of(passwordFile), java.nio.charset.StandardCharsets.UTF_8);
                password = text.lines().findFirst().orElse("");
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("MAILTRACE_STORE_PASSWORD_FILE " + passwordFile + ": cannot read it ("
                        + e.getMessage() + "); point it at a file that holds the store password", e);
            }
        }
        String ca = blankToNull(env.get("MAILTRACE_STORE_CA_FILE"));
        return new StoreOptions(readOnly, blankToNull(env.get("MAILTRACE_STORE_USER")), password,
                ca == null ? null : Path.of(ca), blankToNull(env.get("MAILTRACE_STORE_INDEX_PREFIX")),
                blankToNull(env.get("MAILTRACE_STORE_WRITER")), timeout(blankToNull(env.get("MAILTRACE_STORE_TIMEOUT"))),
                whole(env, "MAILTRACE_STORE_RETRIES", "8"), whole(env, "MAILTRACE_STORE_SHARDS", "8"),
                whole(env, "MAILTRACE_STORE_REPLICAS", "1"), whole(env, "MAILTRACE_STORE_BULK_DOCS", "5000"),
                whole(env, "MAILTRACE_STORE_BULK_MB", "8"));
    }

    private static Duration timeout(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = TIMEOUT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("MAILTRACE_STORE_TIMEOUT '" + text + "' is not a duration; write e.g. 30s, 2m or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static Integer whole(java.util.Map<String, String> env, String variable, String example) {
        String text = blankToNull(env.get(variable));
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " '" + text + "' is not a whole number; write e.g. " + example, e);
        }
    }

    private static void inRange(String variable, Integer value, int min, int max, String what, String advice) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(variable + " " + value + " is out of range: " + what + " must be " + min
                    + " to " + max + "; " + advice);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public StoreOptions withReadOnly(boolean value) {
        return new StoreOptions(value, username, password, caFile, indexPrefix, writer, requestTimeout, retries,
                shards, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withCredentials(String user, String secret) {
        return new StoreOptions(readOnly, user, secret, caFile, indexPrefix, writer, requestTimeout, retries, shards,
                replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withCaFile(Path file) {
        return new StoreOptions(readOnly, username, password, file, indexPrefix, writer, requestTimeout, retries,
                shards, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withIndexPrefix(String prefix) {
        return new StoreOptions(readOnly, username, password, caFile, prefix, writer, requestTimeout, retries,
                shards, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withWriter(String name) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, name, requestTimeout, retries,
                shards, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withRequestTimeout(Duration value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, value, retries, shards,
                replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withRetries(Integer value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, value,
                shards, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withShards(Integer value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, retries,
                value, replicas, bulkDocs, bulkMiB);
    }

    public StoreOptions withReplicas(Integer value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, retries,
                shards, value, bulkDocs, bulkMiB);
    }

    public StoreOptions withBulkDocs(Integer value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, retries,
                shards, replicas, value, bulkMiB);
    }

    public StoreOptions withBulkMiB(Integer value) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, writer, requestTimeout, retries,
                shards, replicas, bulkDocs, value);
    }

    /** Everything but the password, which shows only whether one is set. */
    @Override
    public String toString() {
        return "StoreOptions[readOnly=" + readOnly + ", username=" + username + ", password="
                + (password == null ? "none" : "(set)") + ", caFile=" + caFile + ", indexPrefix=" + indexPrefix + ", writer=" + writer
                + ", requestTimeout=" + requestTimeout + ", retries=" + retries + ", shards=" + shards + ", replicas=" + replicas
                + ", bulkDocs=" + bulkDocs + ", bulkMiB=" + bulkMiB + "]";
    }
}
