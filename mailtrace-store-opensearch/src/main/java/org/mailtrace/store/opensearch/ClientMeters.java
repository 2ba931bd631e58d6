package org.mailtrace.store.opensearch;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.mailtrace.store.StoreMeters;

/**
 * The counts of one store's {@link ClusterClient} (and its {@link ClusterClient#waiting()} twin),
 * so that an operator sees from {@code /metrics}, not only from log lines, how hard the cluster is
 * to talk to: requests, the retries of a busy or unreachable cluster, the nodes skipped for the next
 * one, the searches repeated because a shard had no live copy, and what the bulk requests carried
 * and how long they took.
 */
final class ClientMeters {
    final LongAdder requests = new LongAdder();
    final LongAdder busyRetries = new LongAdder();
    final LongAdder unreachableRetries = new LongAdder();
    final LongAdder nodesSkipped = new LongAdder();
    final LongAdder incompleteRetries = new LongAdder();
    final LongAdder bulkRequests = new LongAdder();
    final LongAdder bulkDocuments = new LongAdder();
    final LongAdder bulkItemRetries = new LongAdder();
    final LongAdder bulkNanos = new LongAdder();

    List<StoreMeters.Meter> meters() {
        return List.of(
                counter("mailtrace.store.requests", "HTTP requests sent to the OpenSearch cluster (each attempt)", requests),
                counter("mailtrace.store.retries.busy", "Requests repeated because the cluster answered 429 or 503", busyRetries),
                counter("mailtrace.store.retries.unreachable", "Requests repeated because no node of the cluster answered",
                        unreachableRetries),
                counter("mailtrace.store.nodes.skipped", "Requests sent to the next node because one gave no answer (fail-over)",
                        nodesSkipped),
                counter("mailtrace.store.retries.incomplete",
                        "Searches repeated because a shard had no live copy (the answer would have missed rows)", incompleteRetries),
                counter("mailtrace.store.bulk.requests", "_bulk requests answered by the cluster", bulkRequests),
                counter("mailtrace.store.bulk.documents", "Document actions sent in _bulk requests (writes and deletes; an item sent again counts again)", bulkDocuments),
                counter("mailtrace.store.bulk.item.retries", "_bulk items sent again because the cluster refused them busy (429/503)",
                        bulkItemRetries),
                new StoreMeters.Meter("mailtrace.store.bulk.seconds", "Time spent in _bulk requests, retries included", true,
                        () -> bulkNanos.sum() / 1e9));
    }

    private static StoreMeters.Meter counter(String name, String description, LongAdder value) {
        return new StoreMeters.Meter(name, description, true, value::sum);
    }
}
