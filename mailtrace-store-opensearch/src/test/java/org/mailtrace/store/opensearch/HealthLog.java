package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cluster's health was over a test, polled every 100 ms from one node on a daemon thread:
 * each change of status, node count or unassigned shards, with the test's own marks (a kill, a
 * restart) in between, as a timeline of seconds since the start. For saying what a node's death
 * did, not for asserting it.
 */
final class HealthLog implements AutoCloseable {
    private final long t0 = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final Thread poller;
    private volatile boolean stop;
    private String last = "";
    private long lastChange = t0;

    private HealthLog(URI node) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest req = HttpRequest.newBuilder(node.resolve("/_cluster/health")).timeout(Duration.ofSeconds(2)).build();
        poller = new Thread(() -> {
            while (!stop) {
                String now;
                try {
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    JsonNode h = ClusterClient.json().readTree(r.body());
                    now = r.statusCode() == 200
                            ? h.path("status").asText() + ", " + h.path("number_of_nodes").asInt() + " nodes, "
                                    + h.path("unassigned_shards").asInt() + " unassigned, "
                                    + h.path("initializing_shards").asInt() + " initializing"
                            : "HTTP " + r.statusCode() + " " + h.path("error").path("type").asText();
                } catch (java.io.IOException e) {
                    now = "no answer (" + e.getClass().getSimpleName() + ")";
                } catch (InterruptedException e) {
                    return;
                }
                observe(now);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cluster-health-log");
        poller.setDaemon(true);
    }

    static HealthLog start(URI node) {
        HealthLog log = new HealthLog(node);
        log.poller.start();
        return log;
    }

    /** Adds a test event to the timeline. */
    synchronized void mark(String event) {
        lines.add(String.format("%7.2f s  -- %s", seconds(System.nanoTime()), event));
    }

    private synchronized void observe(String state) {
        if (!state.equals(last)) {
            long now = System.nanoTime();
            lines.add(String.format("%7.2f s  %s%s", seconds(now), state,
                    last.isEmpty() ? "" : String.format("  (the previous state lasted %.2f s)", (now - lastChange) / 1e9)));
            last = state;
            lastChange = now;
        }
    }

    /** The timeline so far, one event per line. */
    synchronized String timeline() {
        return String.join("\n", lines);
    }

    private double seconds(long nanos) {
        return (nanos - t0) / 1e9;
    }

    @Override
    public void close() {
        stop = true;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
