package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailtrace.store.StoreException;

/**
 * Index and delete actions sent as {@code _bulk} requests of bounded size (documents and bytes),
 * each request finished before the next is sent. Items the cluster did not apply for want of
 * capacity, 429 (its write queue is full) or 503 (the shard's primary is not active, e.g. while a
 * replica is promoted after a node died), are sent again with backoff, alone; any other failed item
 * fails the whole write with the document's index, ID and reason (through a
 * {@link ClusterClient#waiting()} client, 429 and 503 items are sent again for as long as it takes,
 * as whole requests answered 429/503 are). Not thread-safe: one per commit.
 */
final class BulkWriter {
    /** @param conditional a 409 (version conflict) is recorded in {@link #conflicts()}, not a failure */
    private record Action(byte[] lines, String index, String id, boolean conditional) {
        Action(byte[] lines, String index, String id) {
            this(lines, index, id, false);
        }
    }

    private final ClusterClient client;
    private final OpenSearchSettings settings;
    private final List<Action> pending = new ArrayList<>();
    private long pendingBytes;
    private long written;
    private final List<String> conflicts = new ArrayList<>();

    BulkWriter(ClusterClient client, OpenSearchSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    void index(String index, String id, JsonNode source) {
        add(new Action(ndjson(Json.obj("index", Json.obj("_index", index, "_id", id)), source), index, id));
    }

    void delete(String index, String id) {
        add(new Action(ndjson(Json.obj("delete", Json.obj("_index", index, "_id", id)), null), index, id));
    }

    /** Indexes only over the version read as ({@code seqNo}, {@code primaryTerm}); or, with a negative {@code seqNo}, only where no document is. */
    void indexIf(String index, String id, JsonNode source, long seqNo, long primaryTerm) {
        var action = seqNo < 0 ? Json.obj("create", Json.obj("_index", index, "_id", id))
                : Json.obj("index", Json.obj("_index", index, "_id", id, "if_seq_no", seqNo, "if_primary_term", primaryTerm));
        add(new Action(ndjson(action, source), index, id, true));
    }

    /** Deletes only the version read as ({@code seqNo}, {@code primaryTerm}). */
    void deleteIf(String index, String id, long seqNo, long primaryTerm) {
        add(new Action(ndjson(Json.obj("delete", Json.obj("_index", index, "_id", id, "if_seq_no", seqNo,
                "if_primary_term", primaryTerm)), null), index, id, true));
    }

    /** The {@code index/id} of conditional actions refused because the document changed since it was read. */
    List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    /** Sends what is pending; returns the number of actions sent since this writer was made. */
    long flush() {
        List<Action> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        long backoff = 100;
        for (int attempt = 0; !batch.isEmpty(); attempt++) {
            batch = send(batch, attempt >= settings.maxRetries() && !client.waits());
            if (!batch.isEmpty()) {
                ClusterClient.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
        return written;
    }

    private void add(Action a) {
        if (!pending.isEmpty() && (pending.size() >= settings.bulkMaxDocs() || pendingBytes + a.lines().length > settings.bulkMaxBytes())) {
            flush();
        }
        pending.add(a);
        pendingBytes += a.lines().length;
    }

    /** Sends one request; returns the actions to retry (429 and 503 items). */
    private List<Action> send(List<Action> batch, boolean lastAttempt) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Action a : batch) {
            body.writeBytes(a.lines());
        }
        long started = System.nanoTime();
        ClusterClient.Response r = client.send("POST", "/_bulk", body.toByteArray(), "application/x-ndjson");
        client.meters().bulkNanos.add(System.nanoTime() - started);
        if (!r.ok()) {
            throw client.failure("POST", "/_bulk", r);
        }
        client.meters().bulkRequests.increment();
        client.meters().bulkDocuments.add(batch.size());
        if (!r.body().path("errors").asBoolean()) {
            written += batch.size();
            return List.of();
        }
        List<Action> retry = new ArrayList<>();
        JsonNode items = r.body().path("items");
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item = items.path(i).elements().hasNext() ? items.path(i).elements().next() : items.path(i);
            int status = item.path("status").asInt();
            boolean deleteOfMissing = status == 404 && "not_found".equals(item.path("result").asText());
            if ((status == 429 || status == 503) && !lastAttempt) {
                client.meters().bulkItemRetries.increment();
                retry.add(batch.get(i));
            } else if (status == 409 && batch.get(i).conditional()) {
                conflicts.add(batch.get(i).index() + "/" + batch.get(i).id());
            } else if (status >= 300 && !deleteOfMissing) {
                Action a = batch.get(i);
                JsonNode e = item.path("error");
                throw new StoreException("OpenSearch refused document " + a.index() + "/" + a.id() + " (" + status + " "
                        + e.path("type").asText() + ": " + e.path("reason").asText() + "); nothing after it in this commit"
                        + " is known to be written and the checkpoint was not advanced, so the next run re-reads it");
            } else {
                written++;
            }
        }
        return retry;
    }

    private static byte[] ndjson(JsonNode action, JsonNode source) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ClusterClient.json().writeValueAsBytes(action));
            out.write('\n');
            if (source != null) {
                out.write(ClusterClient.json().writeValueAsBytes(source));
                out.write('\n');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new StoreException("cannot serialise a bulk action for " + action, e);
        }
    }
}
