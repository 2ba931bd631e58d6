package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.json.TraceJson;
import org.mailtrace.store.HopDirectory;
import org.mailtrace.store.HopRecord;
import org.mailtrace.store.JoinedTrace;
import org.mailtrace.store.StoreException;

/**
 * The {@link HopDirectory} of an OpenSearch store: one document per hop record in the
 * {@code <prefix>-hops} index, its ID the record's trace ID, with {@code queueIds} (keyword) and
 * {@code time} (epoch milliseconds) indexed and the record itself kept in {@code _source} only.
 * Published records wait in this process until the store's next commit writes them (after its
 * traces, before its checkpoint) and refreshes the index, so a look-up by any ingest process sees
 * them once that commit returned. One index, not daily ones: a look-up goes by queue ID over every
 * day, and retention deletes old records by time.
 */
final class HopIndex implements HopDirectory {
    private final ClusterClient client;
    private final OpenSearchSettings settings;
    private final String index;
    private final Map<String, HopRecord> staged = new LinkedHashMap<>();
    private boolean created;
    /** The store's staging of joined traces: they are trace documents, written by its commit. */
    private final java.util.function.Consumer<Collection<JoinedTrace>> joinedTraces;

    HopIndex(ClusterClient client, OpenSearchSettings settings, TraceIndices names,
             java.util.function.Consumer<Collection<JoinedTrace>> joinedTraces) {
        this.client = client;
        this.settings = settings;
        this.index = names.hops();
        this.joinedTraces = joinedTraces;
    }

    @Override
    public void upsertJoined(Collection<JoinedTrace> traces) {
        joinedTraces.accept(traces);
    }

    @Override
    public synchronized void publish(Collection<HopRecord> records) {
        for (HopRecord r : records) {
            staged.remove(r.traceId());
            staged.put(r.traceId(), r);
        }
    }

    /** Writes the published records and refreshes the index; the store's commit calls it. */
    synchronized void flush() {
        if (staged.isEmpty()) {
            return;
        }
        createIndex();
        BulkWriter bulk = new BulkWriter(client, settings);
        for (HopRecord r : staged.values()) {
            bulk.index(index, r.traceId(), Json.obj("queueIds", Json.arr(r.queueIds()), "time", r.time().toEpochMilli(),
                    "record", TraceJson.mapper().valueToTree(r)));
        }
        bulk.flush();
        client.expectOk("POST", "/" + index + "/_refresh", null);
        staged.clear();
    }

    /** Forgets what was published and not committed (the store is closing). */
    synchronized void discard() {
        staged.clear();
    }

    @Override
    public List<HopRecord> find(Collection<String> queueIds) {
        List<HopRecord> out = new ArrayList<>();
        if (queueIds.isEmpty()) {
            return out;
        }
        List<String> ids = List.copyOf(queueIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            DocumentScan.each(client, index, Json.terms("queueIds", chunk), Json.arr("record"),
                    hit -> out.add(recordOf(hit)));
        }
        // A record matching queue IDs of two chunks is found twice.
        Map<String, HopRecord> once = new LinkedHashMap<>();
        out.forEach(r -> once.putIfAbsent(r.traceId(), r));
        return new ArrayList<>(once.values());
    }

    /** Deletes the records older than the cutoff; the store's retention calls it. */
    synchronized void deleteBefore(Instant cutoff) {
        BulkWriter bulk = new BulkWriter(client, settings);
        DocumentScan.each(client, index, Json.obj("range", Json.obj("time", Json.obj("lt", cutoff.toEpochMilli()))),
                Json.arr(), hit -> bulk.delete(index, hit.path("_id").asText()));
        if (bulk.flush() > 0) {
            client.expectOk("POST", "/" + index + "/_refresh", null);
        }
    }

    private HopRecord recordOf(JsonNode hit) {
        try {
            return TraceJson.mapper().treeToValue(hit.path("_source").path("record"), HopRecord.class);
        } catch (JsonProcessingException e) {
            throw new StoreException(index + "/" + hit.path("_id").asText() + ": unreadable hop record ("
                    + e.getOriginalMessage() + "); delete that document, the next ingest of its host writes it again", e);
        }
    }

    private void createIndex() {
        if (created) {
            return;
        }
        ClusterClient.Response r = client.send("HEAD", "/" + index, null);
        if (r.status() != 200) {
            ClusterClient.Response made = client.send("PUT", "/" + index, Json.obj(
                    "settings", Json.obj("number_of_shards", 1, "number_of_replicas", settings.replicas()),
                    "mappings", Json.obj("dynamic", false, "properties", Json.obj(
                            "queueIds", Json.obj("type", "keyword"),
                            "time", Json.obj("type", "date", "format", "epoch_millis")))));
            boolean raced = made.status() == 400
                    && "resource_already_exists_exception".equals(made.body().path("error").path("type").asText());
            if (!made.ok() && !raced) {
                throw client.failure("PUT", "/" + index, made);
            }
        }
        created = true;
    }
}
