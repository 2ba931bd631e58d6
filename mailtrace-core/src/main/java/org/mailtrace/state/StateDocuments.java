package org.mailtrace.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Small JSON documents that the server keeps about itself (accounts, sign-in sessions, saved and
 * recent queries, the audit log) in a store shared by several serving processes, so that any of
 * them answers the same. A store that has a local directory keeps these things in files instead and
 * has no such thing; a network store ({@code opensearch:...}) provides one through
 * {@link StateDocumentsFactory}.
 *
 * <p>Documents are grouped by {@code kind} (lowercase letters and '-': {@code accounts},
 * {@code audit}), identified by an ID unique within their kind, and carry {@code keys}: exact strings
 * they can be found by ({@link #findByKey}). Contract, for every implementation:
 * <ul>
 *   <li><b>Durable</b>: a write that returns is kept; one that throws {@link org.mailtrace.store.StoreException}
 *       may or may not have happened (retrying it is safe: every write is idempotent or conditional).</li>
 *   <li><b>Visible everywhere at once</b>: once a write returns, every read of every client (any
 *       process on the same store) sees it, including {@link #all}, {@link #findByKey} and
 *       {@link #newestFirst}.</li>
 *   <li><b>Races are decided by the store</b>, not by the callers: of two {@link #create}s of one ID
 *       exactly one returns true; a {@link #replace} whose version is not the current one returns
 *       false and changes nothing; two {@link #append}s never get the same sequence number.</li>
 *   <li>Not found is empty or false, never an exception. Thread-safe.</li>
 * </ul>
 */
public interface StateDocuments extends AutoCloseable {

    /**
     * A stored document.
     *
     * @param id      its ID within its kind
     * @param source  the JSON given when it was written
     * @param version opaque: what {@link #replace} needs to change exactly this version
     */
    record Document(String id, JsonNode source, String version) {
    }

    /** The document, read in real time (no refresh delay). */
    Optional<Document> get(String kind, String id);

    /** Stores a new document; false, changing nothing, when one with this ID exists. */
    boolean create(String kind, String id, JsonNode source, Set<String> keys);

    /** Replaces the document if it is still at {@code version}; false, changing nothing, otherwise (or when it is gone). */
    boolean replace(String kind, String id, JsonNode source, Set<String> keys, String version);

    /** Creates or overwrites, last writer wins: for documents only one user changes (their own recent queries, a session). */
    void put(String kind, String id, JsonNode source, Set<String> keys);

    /** Deletes the document; false when there was none. */
    boolean delete(String kind, String id);

    /** Every document of the kind, in no particular order. Meant for kinds of at most a few thousand documents. */
    List<Document> all(String kind);

    /** The documents of the kind that were written with this key. */
    List<Document> findByKey(String kind, String key);

    /**
     * Appends an entry to an append-only log: the store picks a sequence number above every number it
     * gave before in this process and unique across processes, roughly increasing with time (the
     * microseconds since the epoch, or one more than the last), and stores {@code entry.apply(seq)}
     * under it. Returns the sequence number.
     */
    long append(String kind, LongFunction<JsonNode> entry);

    /** Up to {@code limit} entries of a log, highest sequence number first, each below {@code beforeSeq} (0 for the newest). */
    List<Document> newestFirst(String kind, long beforeSeq, int limit);

    /** The sequence number of an appended entry (its ID). */
    static long seqOf(Document d) {
        return Long.parseLong(d.id());
    }

    @Override
    void close();
}
