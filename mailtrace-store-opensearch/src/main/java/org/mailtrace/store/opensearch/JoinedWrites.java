package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtrace.store.JoinedTrace;
import org.mailtrace.store.StoreException;

/**
 * Writes joined traces so that one built from less never replaces one built from more
 * ({@link org.mailtrace.store.HopDirectory#upsertJoined}), against other ingest processes writing
 * the same documents at the same moment, without a script or a lock.
 *
 * <p>Each document of a joined trace keeps {@link TraceFields#JOINED_FROM}. A trace is written by
 * reading its documents (real-time {@code _mget}: their {@code joinedFrom}, {@code _seq_no} and
 * {@code _primary_term}), then, unless one of them was joined from more (the trace is then dropped),
 * writing each only over the version it read ({@code if_seq_no}; {@code create} where none was), and
 * deleting the documents it no longer has the same way. A document another process changed in
 * between refuses the write (409), and the trace is read and decided again. So every document only
 * ever goes from a version joined from less (or a plain one: 0) to one joined from more or as much,
 * and once the build of every side's newest record is written, what lands later is dropped. The
 * documents of a trace are not one atomic write: a reader may meet rows of two builds for a moment,
 * as with any commit of this store.
 */
final class JoinedWrites {
    /** Rounds of read and conditional write per trace before giving up (each lost round means another writer's newer write landed). */
    private static final int MAX_ROUNDS = 50;

    private final ClusterClient client;
    private final OpenSearchSettings settings;
    private final TraceIndices names;

    JoinedWrites(ClusterClient client, OpenSearchSettings settings, TraceIndices names) {
        this.client = client;
        this.settings = settings;
        this.names = names;
    }

    /** One document as read: absent, or its version and what it was joined from. */
    private record Read(boolean found, long seqNo, long primaryTerm, long joinedFrom) {
    }

    /**
     * Writes {@code joined} unless its stored documents were joined from more.
     *
     * @param existing the {@code index/id} of the documents stored for this trace ID when the
     *                 commit started (those it no longer has are deleted)
     * @return whether it was written (false: the stored trace was joined from more)
     */
    boolean write(JoinedTrace joined, List<String> existing) {
        String traceId = joined.trace().messageTraceId();
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (TraceDocuments.Doc d : TraceDocuments.of(joined.trace(), names)) {
            d.source().put(TraceFields.JOINED_FROM, joined.builtFrom());
            docs.put(d.index() + "/" + d.id(), d.source());
        }
        Set<String> targets = new LinkedHashSet<>(docs.keySet());
        targets.addAll(existing);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, Read> read = read(targets);
            for (Read r : read.values()) {
                if (r.found() && r.joinedFrom() > joined.builtFrom()) {
                    return false;
                }
            }
            BulkWriter bulk = new BulkWriter(client, settings);
            for (String key : targets) {
                Read r = read.get(key);
                int slash = key.indexOf('/');
                String index = key.substring(0, slash);
                String id = key.substring(slash + 1);
                JsonNode source = docs.get(key);
                if (source != null) {
                    bulk.indexIf(index, id, source, r.found() ? r.seqNo() : -1, r.primaryTerm());
                } else if (r.found()) {
                    bulk.deleteIf(index, id, r.seqNo(), r.primaryTerm());
                }
            }
            bulk.flush();
            if (bulk.conflicts().isEmpty()) {
                return true;
            }
            ClusterClient.sleep(Math.min(1_000, 10L << Math.min(round, 6)));
        }
        throw new StoreException(traceId + ": the joined trace (built from " + joined.builtFrom() + ") was changed by another"
                + " writer in each of " + MAX_ROUNDS + " attempts to store it; nothing of this commit after it is known to be"
                + " written and the checkpoint was not advanced, so the next run joins it again");
    }

    /** Real-time reads of these {@code index/id} documents: their version and what they were joined from. */
    private Map<String, Read> read(Set<String> keys) {
        ArrayNode wanted = Json.arr();
        for (String key : keys) {
            int slash = key.indexOf('/');
            wanted.add(Json.obj("_index", key.substring(0, slash), "_id", key.substring(slash + 1),
                    "_source", Json.arr(TraceFields.JOINED_FROM)));
        }
        JsonNode answer = client.expectOk("POST", "/_mget", Json.obj("docs", wanted));
        Map<String, Read> out = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(keys);
        JsonNode got = answer.path("docs");
        for (int i = 0; i < order.size(); i++) {
            JsonNode d = got.path(i);
            boolean found = d.path("found").asBoolean(false);
            if (!found && d.has("error") && !"index_not_found_exception".equals(d.path("error").path("type").asText())) {
                throw new StoreException(order.get(i) + ": cannot read the stored version of a joined trace's document ("
                        + d.path("error").path("type").asText() + ": " + d.path("error").path("reason").asText()
                        + "); check the cluster's health, the next commit tries again");
            }
            out.put(order.get(i), new Read(found, d.path("_seq_no").asLong(-1), d.path("_primary_term").asLong(0),
                    d.path("_source").path(TraceFields.JOINED_FROM).asLong(0)));
        }
        return out;
    }
}
