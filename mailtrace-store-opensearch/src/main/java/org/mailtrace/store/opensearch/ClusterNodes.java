package org.mailtrace.store.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The cluster's HTTP endpoints (the URLs of {@code --store opensearch:URL1,URL2,...}) as the store
 * spreads its requests over them: round robin over the nodes that are up. A node that did not answer
 * (connection refused, broken, timed out) is down for a while and then tried again, so a node that
 * died costs one failed connection per {@code downTime}, not one per request, and a node that comes
 * back gets its share again. When every node is down the one that went down first is tried: a
 * request is never held back because of the marks, only the cluster's own answer decides. Any node
 * can serve any request (each coordinates its searches and bulks across the cluster), so which one
 * is picked does not change an answer. Thread-safe.
 */
final class ClusterNodes {
    /** How long a node that did not answer is skipped before it is tried again. */
    static final Duration DOWN_TIME = Duration.ofSeconds(30);

    private final List<URI> urls;
    private final long downNanos;
    private final LongSupplier clock;
    /** Per node, System.nanoTime() until which it is down; 0 for up. Guarded by this. */
    private final long[] downUntil;
    private int next;

    ClusterNodes(List<URI> urls, Duration downTime, LongSupplier nanoClock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no OpenSearch URL; give at least one, e.g. http://127.0.0.1:9200");
        }
        this.urls = List.copyOf(urls);
        this.downNanos = downTime.toNanos();
        this.clock = nanoClock;
        this.downUntil = new long[urls.size()];
    }

    ClusterNodes(List<URI> urls) {
        this(urls, DOWN_TIME, System::nanoTime);
    }

    List<URI> all() {
        return urls;
    }

    /**
     * The node for the next attempt of a request that has already been sent to {@code tried}: the next
     * one up in turn that is not in {@code tried}; else the untried one that went down first; null when
     * every node has been tried.
     */
    synchronized URI pick(Set<URI> tried) {
        long now = clock.getAsLong();
        URI firstDown = null;
        long firstDownAt = Long.MAX_VALUE;
        for (int i = 0; i < urls.size(); i++) {
            int n = (next + i) % urls.size();
            URI u = urls.get(n);
            if (tried.contains(u)) {
                continue;
            }
            if (downUntil[n] == 0 || now - downUntil[n] >= 0) {
                next = (n + 1) % urls.size();
                return u;
            }
            if (downUntil[n] < firstDownAt) {
                firstDownAt = downUntil[n];
                firstDown = u;
            }
        }
        return firstDown;
    }

    /** This node did not answer: skip it for {@code downTime}. */
    synchronized void markDown(URI node) {
        downUntil[urls.indexOf(node)] = Math.max(1, clock.getAsLong() + downNanos);
    }

    /** This node answered (whatever the status): it is up. */
    synchronized void markUp(URI node) {
        downUntil[urls.indexOf(node)] = 0;
    }
}
