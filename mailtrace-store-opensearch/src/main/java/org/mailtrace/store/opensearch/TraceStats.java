package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.store.StatsCounter;
import org.mailtrace.store.StatsCounter.Top;
import org.mailtrace.store.StoreStats;
import org.mailtrace.store.TraceQuery;

/**
 * {@code TraceStore.aggregate} as one search with {@code size: 0}: a {@code date_histogram} on
 * {@code received} (aligned to the range start with {@code offset}) with {@code terms} on status and
 * direction inside, and a {@code terms} aggregation per top list on the stat fields the row
 * documents carry. The counts are fed to {@link StatsCounter}, which ranks and fills empty buckets
 * exactly like the other stores. Works on whole milliseconds (the histogram's unit); see
 * {@link #supports}.
 */
final class TraceStats {
    private static final Map<Top, String> TOP_FIELDS = new EnumMap<>(Map.of(
            Top.SENDER, TraceFields.STAT_SENDER, Top.RECIPIENT, TraceFields.STAT_RECIPIENT,
            Top.DOMAIN, TraceFields.STAT_DOMAIN, Top.REJECT_REASON, TraceFields.STAT_REJECT,
            Top.DEFERRAL_REASON, TraceFields.STAT_DEFER));
    /** The cluster's search.max_buckets default is 65,535; a top list asks for no more than this. */
    private static final int MAX_TOP = 10_000;

    private TraceStats() {
    }

    /** True when start and bucket are whole milliseconds, which the histogram needs. */
    static boolean supports(Instant start, Duration bucket) {
        return start.getNano() % 1_000_000 == 0 && bucket.toNanos() % 1_000_000 == 0;
    }

    static StoreStats aggregate(ClusterClient client, TraceIndices names, TraceQuery scope, Instant start, Instant end,
                                Duration bucket, int top) {
        StatsCounter counter = new StatsCounter(start, end, bucket);
        long bucketMillis = bucket.toMillis();
        long offset = Math.floorMod(start.toEpochMilli(), bucketMillis);
        ObjectNode aggs = Json.obj("series", Json.obj(
                "date_histogram", Json.obj("field", TraceFields.RECEIVED, "fixed_interval", bucketMillis + "ms",
                        "offset", offset + "ms", "min_doc_count", 1),
                "aggs", Json.obj(
                        "status", Json.obj("terms", Json.obj("field", TraceFields.STATUS, "size", DeliveryStatus.values().length)),
                        "direction", Json.obj("terms", Json.obj("field", TraceFields.DIRECTION, "size", Direction.values().length)))));
        int size = Math.min(Math.max(top, 0), MAX_TOP);
        if (size > 0) {
            for (Map.Entry<Top, String> t : TOP_FIELDS.entrySet()) {
                aggs.set(t.getKey().name(), Json.obj("terms", Json.obj("field", t.getValue(), "size", size,
                        "shard_size", Math.min(MAX_TOP, size * 5 + 50),
                        "order", Json.arr(Json.obj("_count", "desc"), Json.obj("_key", "asc")))));
            }
        }
        JsonNode body = Json.obj("size", 0, "track_total_hits", false,
                "query", TraceQueries.rows(scope, start, end), "aggs", aggs);
        JsonNode r = client.expectComplete("POST", "/" + names.alias() + "/_search?ignore_unavailable=true&allow_no_indices=true", body, true);
        JsonNode a = r.path("aggregations");
        for (JsonNode b : a.path("series").path("buckets")) {
            int index = counter.bucketOf(Instant.ofEpochMilli(b.path("key").asLong()));
            for (JsonNode s : b.path("status").path("buckets")) {
                repeat(counter, index, DeliveryStatus.parse(s.path("key").asText()), null, s.path("doc_count").asLong());
            }
            for (JsonNode d : b.path("direction").path("buckets")) {
                repeat(counter, index, null, Direction.parse(d.path("key").asText()), d.path("doc_count").asLong());
            }
        }
        for (Top t : TOP_FIELDS.keySet()) {
            for (JsonNode k : a.path(t.name()).path("buckets")) {
                counter.add(t, k.path("key").asText(), k.path("doc_count").asLong());
            }
        }
        return counter.result(top);
    }

    /** StatsCounter counts rows one at a time; a bucket's count is fed as that many rows. */
    private static void repeat(StatsCounter counter, int bucket, DeliveryStatus s, Direction d, long n) {
        for (long i = 0; i < n; i++) {
            counter.row(bucket, s, d);
        }
    }
}
