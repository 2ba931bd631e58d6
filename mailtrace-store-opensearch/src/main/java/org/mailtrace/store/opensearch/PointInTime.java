package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's point in time (PIT) for cursor paging: a snapshot of the trace alias's shards,
 * opened after a page that has more rows to follow, named by the cursor, searched by the following
 * pages and deleted after the last one. Later pages of one cursor therefore never show rows
 * committed after the PIT was opened.
 *
 * <p>A PIT is an optimisation the store can always do without: every PIT request that does not give
 * a complete answer (the PIT expired after {@link #KEEP_ALIVE} without a page, was deleted, a node
 * holding part of it restarted, retention deleted a daily index under it, the cluster refuses more
 * open PITs) makes the caller page with plain {@code search_after} over the alias instead, with a
 * debug log; never an error for the user.
 */
final class PointInTime {
    /** How long a PIT lives after its last page; each page renews it. */
    static final String KEEP_ALIVE = "5m";
    /**
     * No PIT over more shards than this: its ID (about 40 characters per shard once compressed,
     * measured) would not fit in a cursor of at most {@link org.mailtrace.store.TracePage#MAX_CURSOR_LENGTH}.
     */
    static final int MAX_SHARDS = 80;

    private static final Logger LOG = LoggerFactory.getLogger(PointInTime.class);

    private final ClusterClient client;
    private final String alias;

    PointInTime(ClusterClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /**
     * Opens a PIT over the alias, or returns null (said in a debug log) when the cluster will not
     * give a complete one or it would span more than {@link #MAX_SHARDS} shards. A busy cluster's
     * 429 is not retried: paging goes on without the PIT.
     *
     * @param shards how many shards the page's search covered (its {@code _shards.total})
     */
    String open(int shards) {
        if (shards > MAX_SHARDS) {
            LOG.debug("cursor paging on {}: no point in time over {} shards (its ID would not fit in a cursor, at most {}"
                    + " shards); later pages use search_after over the alias", alias, shards, MAX_SHARDS);
            return null;
        }
        String path = "/" + alias + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE + "&allow_partial_pit_creation=false";
        ClusterClient.Response r = client.sendOnce("POST", path, null);
        String id = r.body().path("pit_id").asText(null);
        if (!r.ok() || id == null || !complete(r.body())) {
            LOG.debug("cursor paging on {}: POST {} answered {} ({}); later pages use search_after over the alias",
                    alias, path, r.status(), reason(r.body()));
            if (id != null) {
                close(id);
            }
            return null;
        }
        return id;
    }

    /**
     * Runs a search body in the PIT (renewing its keep-alive) and returns the answer, whose
     * {@code pit_id} names the PIT from now on; or null, said in a debug log, when the PIT gave no
     * complete answer, so the caller runs the same body over the alias.
     */
    JsonNode search(ObjectNode body, String id) {
        ObjectNode inPit = body.deepCopy();
        inPit.set("pit", Json.obj("id", id, "keep_alive", KEEP_ALIVE));
        ClusterClient.Response r = client.send("POST", "/_search", inPit);
        if (r.ok() && complete(r.body())) {
            return r.body();
        }
        LOG.debug("cursor paging on {}: the cursor's point in time gave no complete answer ({} {}): expired after {}"
                        + " without a page, deleted, or a node holding it restarted; this page uses search_after over the"
                        + " alias, and may show rows committed after the first page",
                alias, r.status(), r.ok() ? "shards " + r.body().path("_shards") : reason(r.body()), KEEP_ALIVE);
        return null;
    }

    /** Deletes a PIT no page will use; a failure only leaves it to expire, so it is not raised. */
    void close(String id) {
        ClusterClient.Response r = client.send("DELETE", "/_search/point_in_time", Json.obj("pit_id", Json.arr(id)));
        if (!r.ok() && r.status() != 404) {
            LOG.debug("cursor paging on {}: DELETE /_search/point_in_time answered {} ({}); the point in time expires"
                    + " after {} instead", alias, r.status(), reason(r.body()), KEEP_ALIVE);
        }
    }

    private static boolean complete(JsonNode answer) {
        JsonNode shards = answer.path("_shards");
        return shards.path("failed").asInt(0) == 0 && shards.path("successful").asInt(0) >= shards.path("total").asInt(0);
    }

    private static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        String s = error.isObject() ? error.path("type").asText() + ": " + error.path("reason").asText() : body.toString();
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
