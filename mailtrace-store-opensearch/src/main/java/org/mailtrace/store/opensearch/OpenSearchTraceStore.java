package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.JoinedTrace;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreMeters;
import org.mailtrace.store.StoreStats;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * {@link TraceStore} on an OpenSearch cluster: daily indices behind an alias, one document per
 * search row plus one per trace (docs/store-opensearch.md).
 *
 * <p>Where it differs from the embedded store, by the nature of the cluster:
 * <ul>
 *   <li>A commit is not one atomic write: its bulk requests are applied one after the other, then
 *       the indices are refreshed (they have {@code refresh_interval: -1}, so this store's refresh is
 *       what makes a commit visible), then the checkpoint is written. A crash in between leaves some of
 *       the commit's traces stored and the old checkpoint, so the next ingest re-reads those lines and
 *       rewrites the same documents (deterministic IDs): the result converges to what one commit would
 *       have written.</li>
 *   <li>Staged traces and deletes are held in this process until the next commit.</li>
 *   <li>The pages of one cursor read a point in time opened after the first page, so rows committed
 *       later do not show in them (the embedded store pages its live index); see {@link #search}.</li>
 * </ul>
 * Searches may run on any thread while one thread commits.
 */
public final class OpenSearchTraceStore implements TraceStore, StoreMeters {
    /** A page search asks the cluster for at most this many hits per request (its default result window). */
    private static final int MAX_HITS_PER_REQUEST = 10_000;
    private static final String MISSING_OK = "ignore_unavailable=true&allow_no_indices=true";

    /**
     * One staged change: an upsert (trace non-null) or a delete; {@code joined} for a hop join's
     * trace, written conditionally ({@link JoinedWrites}) unless {@code overPlain}: a plain change of
     * its ID came earlier in the same commit, which stored it as joined from 0.
     */
    private record Change(String traceId, MessageTrace trace, JoinedTrace joined, boolean overPlain) {
        Change(String traceId, MessageTrace trace) {
            this(traceId, trace, null, false);
        }
    }

    private final OpenSearchSettings settings;
    /** Searches, counts, reads: fail after {@code retries} when the cluster is unavailable. */
    private final ClusterClient client;
    /** Commits, checkpoints and retention: in a writable store they wait for the cluster (never fail for want of it). */
    private final ClusterClient writes;
    private final TraceIndices names;
    private final CheckpointDocuments checkpoints;
    private final boolean readOnly;
    private final List<Change> staged = new ArrayList<>();
    private final HopIndex hops;
    private final PointInTime pits;
    private final JoinedWrites joinedWrites;
    /** The installation's state in the cluster, on {@link #client}: where the cursor key is kept. */
    private final OpenSearchStateDocuments state;
    /** Read (or created) by the first search that gives or takes a cursor, then kept. */
    private volatile CursorKey cursorKey;

    private OpenSearchTraceStore(OpenSearchSettings settings, boolean readOnly, String writer) {
        this.settings = settings;
        this.client = new ClusterClient(settings);
        this.writes = readOnly ? client : client.waiting();
        this.names = new TraceIndices(settings.indexPrefix());
        this.checkpoints = new CheckpointDocuments(writes, names, writer);
        this.readOnly = readOnly;
        this.hops = new HopIndex(writes, settings, names, this::stageJoined);
        this.pits = new PointInTime(client, names.alias());
        this.joinedWrites = new JoinedWrites(writes, settings, names);
        this.state = new OpenSearchStateDocuments(settings, client);
    }

    /** Joined traces wait with the staged changes, in order, and are written conditionally by the next commit. */
    private synchronized void stageJoined(Collection<JoinedTrace> traces) {
        requireWritable("store joined traces");
        for (JoinedTrace j : traces) {
            staged.add(new Change(j.trace().messageTraceId(), j.trace(), j, false));
        }
    }

    /**
     * Connects to the cluster (a writable store waits until it answers, saying so every few seconds);
     * a writable store installs the index template when missing or older
     * (indices are created by the first write into them), a read-only one creates nothing (and finds an empty store when nothing exists).
     *
     * @throws StoreException when the cluster cannot be reached or refuses, saying what to check
     */
    public static OpenSearchTraceStore open(OpenSearchSettings settings, boolean readOnly) {
        return open(settings, readOnly, null);
    }

    /**
     * As {@link #open(OpenSearchSettings, boolean)}, keeping the checkpoint under {@code writer}'s name
     * (null: the single writer's), so ingest processes of several MTA hosts can write one store.
     */
    public static OpenSearchTraceStore open(OpenSearchSettings settings, boolean readOnly, String writer) {
        return open(settings, readOnly, writer, true);
    }

    /**
     * As {@link #open(OpenSearchSettings, boolean, String)}; {@code sizeGiven} false keeps the shards and
     * replicas of an installed index template instead of putting the settings' defaults (see
     * {@link TraceIndexTemplate#install(ClusterClient, TraceIndices, OpenSearchSettings, boolean)}).
     */
    public static OpenSearchTraceStore open(OpenSearchSettings settings, boolean readOnly, String writer, boolean sizeGiven) {
        OpenSearchTraceStore store = new OpenSearchTraceStore(settings, readOnly, writer);
        JsonNode info = store.writes.expectOk("GET", "/", null);
        String version = info.path("version").path("number").asText("");
        if (!"opensearch".equals(info.path("version").path("distribution").asText()) || version.startsWith("1.")) {
            throw new StoreException("the cluster at " + settings.urls() + " reports version '" + version + "' of '"
                    + info.path("version").path("distribution").asText("elasticsearch") + "'; the OpenSearch store needs OpenSearch 2.x or later");
        }
        if (!readOnly) {
            TraceIndexTemplate.install(store.writes, store.names, settings, sizeGiven);
        }
        return store;
    }

    @Override
    public synchronized void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint) {
        requireWritable("commit");
        List<Change> changes = new ArrayList<>(staged);
        staged.clear();
        changes.addAll(changes(upserts, deletedTraceIds));
        apply(changes);
        hops.flush();
        if (checkpoint != null) {
            checkpoints.write(checkpoint, settings);
        }
    }

    /** Hop records in their own index ({@link HopIndex}), written by each commit; writable stores only. */
    @Override
    public Optional<org.mailtrace.store.HopDirectory> hopDirectory() {
        return readOnly ? Optional.empty() : Optional.of(hops);
    }

    @Override
    public synchronized void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
        requireWritable("stage");
        staged.addAll(changes(upserts, deletedTraceIds));
    }

    private static List<Change> changes(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
        List<Change> out = new ArrayList<>();
        for (String id : deletedTraceIds) {
            out.add(new Change(id, null));
        }
        for (MessageTrace t : upserts) {
            out.add(new Change(t.messageTraceId(), t));
        }
        return out;
    }

    /**
     * Writes the last change of each trace: its documents, and deletes of its documents no longer
     * written; a joined trace's last, conditionally ({@link JoinedWrites}).
     */
    private void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Change> last = new LinkedHashMap<>();
        for (Change c : changes) {
            Change before = last.remove(c.traceId());
            if (c.joined() != null && before != null) {
                if (before.joined() != null && before.joined().builtFrom() > c.joined().builtFrom()) {
                    c = before; // this commit already joined it from more
                } else if (before.joined() == null || before.overPlain()) {
                    c = new Change(c.traceId(), c.trace(), c.joined(), true);
                }
            }
            last.put(c.traceId(), c);
        }
        Map<String, List<String>> existing = existingDocuments(last.keySet());
        BulkWriter bulk = new BulkWriter(writes, settings);
        List<JoinedTrace> joined = new ArrayList<>();
        for (Change c : last.values()) {
            if (c.joined() != null && !c.overPlain()) {
                joined.add(c.joined());
                continue;
            }
            Set<String> kept = new HashSet<>();
            if (c.trace() != null) {
                for (TraceDocuments.Doc d : TraceDocuments.of(c.trace(), names)) {
                    if (c.joined() != null) {
                        d.source().put(TraceFields.JOINED_FROM, c.joined().builtFrom());
                    }
                    bulk.index(d.index(), d.id(), d.source());
                    kept.add(d.index() + "/" + d.id());
                }
            }
            for (String doc : existing.getOrDefault(c.traceId(), List.of())) {
                if (!kept.contains(doc)) {
                    int slash = doc.indexOf('/');
                    bulk.delete(doc.substring(0, slash), doc.substring(slash + 1));
                }
            }
        }
        bulk.flush();
        for (JoinedTrace j : joined) {
            joinedWrites.write(j, existing.getOrDefault(j.trace().messageTraceId(), List.of()));
        }
        refresh();
    }

    /** Per trace ID, the {@code index/id} of every document the indices hold for it now. */
    private Map<String, List<String>> existingDocuments(Collection<String> traceIds) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> ids = List.copyOf(traceIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            DocumentScan.each(writes, names.pattern(), Json.terms(TraceFields.TRACE_ID, chunk),
                    Json.arr(TraceFields.TRACE_ID), hit -> out.computeIfAbsent(hit.path("_source").path(TraceFields.TRACE_ID).asText(),
                            k -> new ArrayList<>()).add(hit.path("_index").asText() + "/" + hit.path("_id").asText()));
        }
        return out;
    }

    private void refresh() {
        writes.expectOk("POST", "/" + names.pattern() + "/_refresh?" + MISSING_OK, null);
    }

    @Override
    public IngestCheckpoint checkpoint() {
        return checkpoints.read();
    }

    /**
     * A page in the total order {@link TraceQueries#ROW_ORDER}, resumed with {@code search_after} from
     * the cursor's sort values, in the cursor's point in time when it has one ({@link PointInTime}).
     *
     * <p><b>Point in time.</b> A page served without a PIT (the first page, or one whose PIT is gone)
     * that has more rows to follow opens one, after its own search, and names it in {@code next}: a
     * one-page answer costs no extra request. The following pages search that snapshot, so rows
     * committed after the PIT was opened never show in them (those committed between the first page's
     * search and the opening, milliseconds, may). Each page renews the PIT for
     * {@value PointInTime#KEEP_ALIVE}; the last page deletes it; an abandoned one expires.
     *
     * <p><b>Fallback.</b> When the cursor's PIT gives no complete answer (expired because the user
     * paused longer than its keep-alive, deleted, a node restarted, retention dropped a day under it)
     * the page is the same search over the alias, with a debug log: still exactly the rows after the
     * cursor, never an error, but rows committed since the first page may show; that page opens a
     * new PIT for the rest when more rows follow. A PIT over more than
     * {@value PointInTime#MAX_SHARDS} shards, or whose cursor would exceed
     * {@link TracePage#MAX_CURSOR_LENGTH}, is not kept: that cursor pages over the alias.
     *
     * <p><b>Signed.</b> Cursors carry an HMAC-SHA256 with the installation's key, kept in the cluster
     * under the index prefix ({@link CursorKeyDocument}): every process of the installation pages every
     * cursor of it, and a cursor of another installation (index prefix), changed or cut short is an
     * {@link IllegalArgumentException} saying to start from the first page, before any request.
     */
    @Override
    public TracePage search(TraceQuery query, String cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        RowCursor after = cursor == null ? null : RowCursor.decode(cursor, cursorKey());
        String pit = after == null ? null : after.pitId();
        JsonNode q = TraceQueries.rows(query);
        long want = (long) limit + 1;
        List<TraceRow> rows = new ArrayList<>();
        List<RowCursor> sorts = new ArrayList<>();
        int shards = 0;
        while (rows.size() < want) {
            int size = (int) Math.min(MAX_HITS_PER_REQUEST, want - rows.size());
            ObjectNode body = Json.obj("query", q, "sort", TraceQueries.ROW_ORDER, "size", size,
                    "_source", Json.arr(TraceFields.ROW_SOURCE), "track_total_hits", false);
            if (after != null) {
                body.set("search_after", after.searchAfter());
            }
            JsonNode answer = pit == null ? null : pits.search(body, pit);
            if (answer == null) {
                pit = null;
                answer = search(body);
            } else {
                pit = answer.path("pit_id").asText(pit);
            }
            shards = answer.path("_shards").path("total").asInt();
            JsonNode hits = answer.path("hits").path("hits");
            for (JsonNode hit : hits) {
                rows.add(TraceDocuments.rowOf(hit.path("_source")));
                sorts.add(RowCursor.of(hit.path("sort")));
            }
            if (hits.size() < size) {
                break;
            }
            after = sorts.get(sorts.size() - 1);
            if (pit == null && rows.size() < want) {
                pit = pits.open(shards); // a page over 10,000 rows: its own later requests see the snapshot too
            }
        }
        if (rows.size() <= limit) {
            if (pit != null) {
                pits.close(pit);
            }
            return new TracePage(rows, null);
        }
        CursorKey key = cursorKey(); // before opening a PIT, which a failure here would leave to expire
        if (pit == null) {
            pit = pits.open(shards);
        }
        RowCursor last = sorts.get(limit - 1);
        String next = last.inPit(pit).encode(key);
        if (pit != null && next.length() > TracePage.MAX_CURSOR_LENGTH) {
            pits.close(pit);
            next = last.encode(key);
        }
        return new TracePage(rows.subList(0, limit), next);
    }

    /**
     * The installation's cursor key ({@link CursorKeyDocument}), read from the cluster once. Not at
     * open: a read-only store that never pages (or finds nothing) then creates nothing.
     */
    private CursorKey cursorKey() {
        CursorKey k = cursorKey;
        if (k == null) {
            synchronized (state) {
                k = cursorKey;
                if (k == null) {
                    k = CursorKeyDocument.readOrCreate(state, "OpenSearch store '" + settings.indexPrefix() + "' at " + settings.url());
                    cursorKey = k;
                }
            }
        }
        return k;
    }

    @Override
    public long count(TraceQuery query) {
        JsonNode r = client.expectComplete("POST", "/" + names.alias() + "/_count?" + MISSING_OK, Json.obj("query", TraceQueries.rows(query)), true);
        return r.path("count").asLong();
    }

    @Override
    public Optional<MessageTrace> get(String messageTraceId) {
        JsonNode hits = searchHits(Json.obj("query", TraceQueries.trace(messageTraceId), "size", 1,
                "_source", Json.arr(TraceFields.TRACE_SOURCE)));
        return hits.isEmpty() ? Optional.empty() : Optional.of(TraceDocuments.traceOf(hits.path(0).path("_source")));
    }

    @Override
    public List<MessageTrace> findByMessageId(String messageId) {
        List<MessageTrace> out = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = Json.obj("query", TraceQueries.tracesWithMessageId(messageId), "sort", TraceQueries.TRACE_ORDER,
                    "size", MAX_HITS_PER_REQUEST, "_source", Json.arr(TraceFields.TRACE_SOURCE), "track_total_hits", false);
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = searchHits(body);
            for (JsonNode hit : hits) {
                out.add(TraceDocuments.traceOf(hit.path("_source")));
                after = hit.path("sort");
            }
            if (hits.size() < MAX_HITS_PER_REQUEST) {
                return out;
            }
        }
    }

    @Override
    public StoreStats aggregate(TraceQuery scope, Instant start, Instant end, Duration bucket, int top) {
        if (!TraceStats.supports(start, bucket)) {
            return TraceStore.super.aggregate(scope, start, end, bucket, top);
        }
        return TraceStats.aggregate(client, names, scope, start, end, bucket, top);
    }

    /**
     * Deletes whole daily indices that end at or before the cutoff, and in the day the cutoff falls
     * in, the documents received before it (found by a scan and deleted in bulk: the delete-by-query
     * API needs the reindex module, which not every cluster has).
     */
    @Override
    public synchronized long deleteReceivedBefore(Instant cutoff) {
        requireWritable("deleteReceivedBefore");
        if (!staged.isEmpty()) {
            throw new IllegalStateException("deleteReceivedBefore with " + staged.size() + " staged changes; commit them first");
        }
        hops.deleteBefore(cutoff);
        long removed = writes.expectComplete("POST", "/" + names.alias() + "/_count?" + MISSING_OK,
                Json.obj("query", TraceQueries.tracesBefore(cutoff)), true).path("count").asLong();
        if (removed == 0) {
            return 0;
        }
        BulkWriter bulk = new BulkWriter(writes, settings);
        for (String index : dailyIndices()) {
            LocalDate day = names.dayOf(index).orElseThrow();
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant nextDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!nextDay.isAfter(cutoff)) {
                ClusterClient.Response gone = writes.send("DELETE", "/" + index, null);
                if (!gone.ok() && gone.status() != 404) { // 404: a repeated DELETE after a lost answer
                    throw writes.failure("DELETE", "/" + index, gone);
                }
            } else if (dayStart.isBefore(cutoff)) {
                DocumentScan.each(writes, index, Json.filter(List.of(TraceQueries.received(null, cutoff))), Json.arr(),
                        hit -> bulk.delete(index, hit.path("_id").asText()));
            }
        }
        bulk.flush();
        refresh();
        return removed;
    }

    private List<String> dailyIndices() {
        ClusterClient.Response r = writes.send("GET", "/_cat/indices/" + names.pattern() + "?format=json&h=index", null);
        if (r.status() == 404) {
            return List.of();
        }
        if (!r.ok()) {
            throw writes.failure("GET", "/_cat/indices/" + names.pattern(), r);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode row : r.body()) {
            String index = row.path("index").asText();
            if (names.dayOf(index).isPresent()) {
                out.add(index);
            }
        }
        return out;
    }

    private JsonNode searchHits(JsonNode body) {
        return search(body).path("hits").path("hits");
    }

    private JsonNode search(JsonNode body) {
        return client.expectComplete("POST", "/" + names.alias() + "/_search?" + MISSING_OK, body, true);
    }

    private void requireWritable(String what) {
        if (readOnly) {
            throw new StoreException("the OpenSearch store '" + settings.indexPrefix() + "' at " + settings.url()
                    + " is open read-only; " + what + " needs it opened for writing");
        }
    }

    /** The client's counts ({@link ClientMeters}): requests, retries, fail-overs, bulk requests and their time. */
    @Override
    public List<Meter> meters() {
        return client.meters().meters();
    }

    @Override
    public synchronized void close() {
        staged.clear();
        hops.discard();
        client.close();
    }
}
