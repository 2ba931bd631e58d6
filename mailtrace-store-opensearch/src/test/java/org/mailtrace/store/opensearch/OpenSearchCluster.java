package org.mailtrace.store.opensearch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real OpenSearch cluster of N {@link OpenSearchNode}s on loopback for tests that lose a node: each
 * node in its own home under one temp directory, on its own free HTTP and transport ports, all
 * cluster-manager-eligible and seeded with each other's transport ports. A node can be killed
 * (SIGKILL) and started again on the same data directory and ports. {@link #close} stops every
 * node and deletes the whole directory.
 */
public final class OpenSearchCluster implements AutoCloseable {
    private final Path base;
    private final List<OpenSearchNode> nodes;

    private OpenSearchCluster(Path base, List<OpenSearchNode> nodes) {
        this.base = base;
        this.nodes = nodes;
    }

    /** Lays out {@code size} nodes ({@code n1..nN}), starts them all and waits until the cluster is green with all of them. */
    public static OpenSearchCluster start(Path dist, int size) throws IOException, InterruptedException {
        Path base = Files.createTempDirectory("mailtrace-opensearch-cluster-");
        // The nodes' user (65534 when the tests run as root) must traverse it to reach its home.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        int[] http = new int[size];
        int[] transport = new int[size];
        List<String> seeds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            http[i] = OpenSearchNode.freePort();
            transport[i] = OpenSearchNode.freePort();
            seeds.add("\"127.0.0.1:" + transport[i] + "\"");
            names.add("\"n" + (i + 1) + "\"");
        }
        List<String> discovery = List.of(
                "discovery.seed_hosts: [" + String.join(", ", seeds) + "]",
                "cluster.initial_cluster_manager_nodes: [" + String.join(", ", names) + "]");
        List<OpenSearchNode> nodes = new ArrayList<>();
        OpenSearchCluster cluster = new OpenSearchCluster(base, nodes);
        try {
            for (int i = 0; i < size; i++) {
                String name = "n" + (i + 1);
                nodes.add(OpenSearchNode.layOut(dist, base.resolve(name), name, http[i], transport[i], discovery));
            }
            for (OpenSearchNode n : nodes) {
                n.launch();
            }
            cluster.awaitGreen();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The i-th node (0-based). */
    public OpenSearchNode node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** Every node's HTTP endpoint in node order: the URLs of {@code --store opensearch:URL1,URL2,...}. */
    public List<URI> urls() {
        return nodes.stream().map(OpenSearchNode::url).toList();
    }

    /** Waits until the cluster has all its nodes and every shard copy assigned (green), asking the first live node. */
    public void awaitGreen() throws IOException, InterruptedException {
        OpenSearchNode asked = nodes.stream().filter(OpenSearchNode::alive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster in " + base + " is running"));
        asked.awaitHealth("wait_for_status=green&wait_for_nodes=" + nodes.size() + "&wait_for_no_relocating_shards=true");
    }

    /** SIGKILLs node i's JVM; see {@link OpenSearchNode#kill}. */
    public void kill(int i) throws InterruptedException {
        nodes.get(i).kill();
    }

    /** Starts node i again on the same home, data and ports, and waits until it answers on HTTP. */
    public void restart(int i) throws IOException, InterruptedException {
        OpenSearchNode n = nodes.get(i);
        n.launch();
        n.awaitHealth("wait_for_nodes=" + nodes.size());
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (OpenSearchNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            OpenSearchNode.deleteTree(base);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("closing the OpenSearch cluster in " + base + ": " + failures.stream()
                    .map(Throwable::getMessage).collect(Collectors.joining("; ")));
        }
    }
}
