package org.mailtrace.store;

import java.nio.file.Path;
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
 */
public record StoreOptions(boolean readOnly, String username, String password, Path caFile, String indexPrefix,
                           String writer) {
    /** The index prefix when none is given. */
    public static final String DEFAULT_INDEX_PREFIX = "mailtrace";

    private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

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
     * {@code MAILTRACE_STORE_WRITER}.
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
                blankToNull(env.get("MAILTRACE_STORE_WRITER")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public StoreOptions withReadOnly(boolean value) {
        return new StoreOptions(value, username, password, caFile, indexPrefix, writer);
    }

    public StoreOptions withCredentials(String user, String secret) {
        return new StoreOptions(readOnly, user, secret, caFile, indexPrefix, writer);
    }

    public StoreOptions withCaFile(Path file) {
        return new StoreOptions(readOnly, username, password, file, indexPrefix, writer);
    }

    public StoreOptions withIndexPrefix(String prefix) {
        return new StoreOptions(readOnly, username, password, caFile, prefix, writer);
    }

    public StoreOptions withWriter(String name) {
        return new StoreOptions(readOnly, username, password, caFile, indexPrefix, name);
    }

    /** Everything but the password, which shows only whether one is set. */
    @Override
    public String toString() {
        return "StoreOptions[readOnly=" + readOnly + ", username=" + username + ", password="
                + (password == null ? "none" : "(set)") + ", caFile=" + caFile + ", indexPrefix=" + indexPrefix + ", writer=" + writer + "]";
    }
}
