package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.store.StoreException;

/**
 * {@link StateDocuments} in the cluster: one index per kind, {@code <prefix>-<kind>} (1 shard, the
 * store's replicas), each document {@code {"doc": <source, not indexed>, "keys": [...], "seq": n}}.
 *
 * <p>How the contract maps to OpenSearch: {@link #get} is a GET by ID, which is realtime;
 * {@link #create} is {@code op_type=create} (409 when the ID exists); {@link #replace} is
 * {@code if_seq_no} + {@code if_primary_term} (409 when another write came first), the version being
 * {@code "<seq_no>:<primary_term>"}; every write but {@link #append} is made with {@code refresh=true}, so
 * a search from any node sees it when it returns. Appends (the audit log, a write per request) skip that
 * cost: {@link #newestFirst}, which is rare (someone reading the log), refreshes the index first.
 * An append takes {@code max(last + 1, now in microseconds)} as its ID with {@code op_type=create}
 * and the next number when another process took it.
 *
 * <p>One edge the cluster cannot tell apart: when the answer to a create is lost and the client sends
 * it again ({@link ClusterClient} retries a request that got no answer), the second attempt meets the
 * first one's document and reads as "exists" (a user create then says the name is taken; an audit
 * entry is written once more under the next number).
 */
final class OpenSearchStateDocuments implements StateDocuments {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{0,40}");
    /** The most a search returns in one answer (index.max_result_window's default). */
    private static final int MAX_HITS = 10_000;

    private final OpenSearchSettings settings;
    private final ClusterClient client;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private long lastSeq;

    OpenSearchStateDocuments(OpenSearchSettings settings) {
        this(settings, new ClusterClient(settings));
    }

    /** On a client of the caller's (the trace store's); {@link #close} closes it. */
    OpenSearchStateDocuments(OpenSearchSettings settings, ClusterClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** The index of a kind: {@code <prefix>-<kind>}. */
    String index(String kind) {
        if (kind == null || !KIND.matcher(kind).matches() || kind.startsWith("traces") || kind.equals("state")) {
            throw new IllegalArgumentException("state kind '" + kind + "' must be lowercase letters and '-', and not a name the trace store uses");
        }
        return settings.indexPrefix() + "-" + kind;
    }

    @Override
    public Optional<Document> get(String kind, String id) {
        String path = "/" + index(kind) + "/_doc/" + escape(id);
        ClusterClient.Response r = client.send("GET", path, null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw client.failure("GET", path, r);
        }
        return Optional.of(document(r.body()));
    }

    @Override
    public boolean create(String kind, String id, JsonNode source, Set<String> keys) {
        ensureIndex(kind);
        String path = "/" + index(kind) + "/_create/" + escape(id) + "?refresh=true";
        return written("PUT", path, body(source, keys, null));
    }

    @Override
    public boolean replace(String kind, String id, JsonNode source, Set<String> keys, String version) {
        String[] v = version == null ? new String[0] : version.split(":");
        if (v.length != 2) {
            throw new IllegalArgumentException("not a version of this store: '" + version + "'");
        }
        ensureIndex(kind);
        String path = "/" + index(kind) + "/_doc/" + escape(id) + "?refresh=true&if_seq_no=" + Long.parseLong(v[0])
                + "&if_primary_term=" + Long.parseLong(v[1]);
        return written("PUT", path, body(source, keys, null));
    }

    @Override
    public void put(String kind, String id, JsonNode source, Set<String> keys) {
        ensureIndex(kind);
        client.expectOk("PUT", "/" + index(kind) + "/_doc/" + escape(id) + "?refresh=true", body(source, keys, null));
    }

    @Override
    public boolean delete(String kind, String id) {
        String path = "/" + index(kind) + "/_doc/" + escape(id) + "?refresh=true";
        ClusterClient.Response r = client.send("DELETE", path, null);
        if (r.status() == 404) {
            return false;
        }
        if (!r.ok()) {
            throw client.failure("DELETE", path, r);
        }
        return "deleted".equals(r.body().path("result").asText());
    }

    @Override
    public List<Document> all(String kind) {
        return search(kind, Json.obj("match_all", Json.obj()), Json.arr("_doc"), MAX_HITS, true);
    }

    @Override
    public List<Document> findByKey(String kind, String key) {
        return search(kind, Json.term("keys", key), Json.arr("_doc"), MAX_HITS, true);
    }

    @Override
    public long append(String kind, LongFunction<JsonNode> entry) {
        ensureIndex(kind);
        long seq;
        synchronized (this) {
            seq = Math.max(lastSeq + 1, micros());
            lastSeq = seq;
        }
        for (int attempt = 0; ; attempt++) {
            String path = "/" + index(kind) + "/_create/" + seq;
            if (written("PUT", path, body(entry.apply(seq), Set.of(), seq))) {
                return seq;
            }
            if (attempt >= 100) {
                throw new StoreException("OpenSearch index " + index(kind) + ": " + (attempt + 1) + " sequence numbers up to " + seq
                        + " were taken by other processes; check that the clocks of the serving machines agree");
            }
            synchronized (this) {
                seq = Math.max(lastSeq, seq) + 1;
                lastSeq = seq;
            }
        }
    }

    @Override
    public List<Document> newestFirst(String kind, long beforeSeq, int limit) {
        if (limit < 1) {
            return List.of();
        }
        String refresh = "/" + index(kind) + "/_refresh";
        ClusterClient.Response r = client.send("POST", refresh, null);
        if (r.status() == 404) {
            return List.of();
        }
        if (!r.ok()) {
            throw client.failure("POST", refresh, r);
        }
        JsonNode query = beforeSeq > 0 ? Json.obj("range", Json.obj("seq", Json.obj("lt", beforeSeq))) : Json.obj("match_all", Json.obj());
        return search(kind, query, Json.arr(Json.obj("seq", "desc")), Math.min(limit, MAX_HITS), false);
    }

    private List<Document> search(String kind, JsonNode query, JsonNode sort, int size, boolean mustBeAll) {
        String path = "/" + index(kind) + "/_search?ignore_unavailable=true";
        JsonNode answer = client.expectComplete("POST", path, Json.obj("query", query, "sort", sort, "size", size,
                "seq_no_primary_term", true, "track_total_hits", true), true);
        JsonNode hits = answer.path("hits");
        if (mustBeAll && hits.path("total").path("value").asLong() > size) {
            throw new StoreException("OpenSearch index " + index(kind) + " holds " + hits.path("total").path("value").asLong()
                    + " documents, more than the " + size + " mailtrace reads at once for its own state; delete some");
        }
        List<Document> out = new ArrayList<>();
        for (JsonNode h : hits.path("hits")) {
            out.add(document(h));
        }
        return out;
    }

    private static Document document(JsonNode hit) {
        return new Document(hit.path("_id").asText(), hit.path("_source").path("doc"),
                hit.path("_seq_no").asLong() + ":" + hit.path("_primary_term").asLong());
    }

    private static JsonNode body(JsonNode source, Set<String> keys, Long seq) {
        return seq == null ? Json.obj("doc", source, "keys", Json.arr(new TreeSet<>(keys)))
                : Json.obj("doc", source, "keys", Json.arr(new TreeSet<>(keys)), "seq", seq);
    }

    /** True when the write was made, false when the cluster refused it as a conflict (409). */
    private boolean written(String method, String path, JsonNode body) {
        ClusterClient.Response r = client.send(method, path, body);
        if (r.status() == 409) {
            return false;
        }
        if (!r.ok()) {
            throw client.failure(method, path, r);
        }
        return true;
    }

    /** Creates the kind's index unless this process saw it already; another process creating it first is fine. */
    private void ensureIndex(String kind) {
        String index = index(kind);
        if (ensured.contains(index)) {
            return;
        }
        if (client.send("HEAD", "/" + index, null).status() != 200) {
            ClusterClient.Response created = client.send("PUT", "/" + index, Json.obj(
                    "settings", Json.obj("number_of_shards", 1, "number_of_replicas", settings.replicas()),
                    "mappings", Json.obj("dynamic", false, "properties", Json.obj(
                            "doc", Json.obj("type", "object", "enabled", false),
                            "keys", Json.obj("type", "keyword"),
                            "seq", Json.obj("type", "long")))));
            boolean raced = created.status() == 400
                    && "resource_already_exists_exception".equals(created.body().path("error").path("type").asText());
            if (!created.ok() && !raced) {
                throw client.failure("PUT", "/" + index, created);
            }
        }
        ensured.add(index);
    }

    private static long micros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** An ID as one path segment: unreserved characters as they are, the rest percent-encoded. */
    static String escape(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("empty document ID");
        }
        StringBuilder b = new StringBuilder();
        for (byte c : id.getBytes(StandardCharsets.UTF_8)) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
