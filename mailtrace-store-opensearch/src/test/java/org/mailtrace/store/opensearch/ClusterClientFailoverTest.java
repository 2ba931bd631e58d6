package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrace.store.StoreException;

/**
 * Requests spread over several nodes, on loopback: a node whose port is closed, one that accepts
 * connections and never answers, and a small real HTTP server that answers.
 */
class ClusterClientFailoverTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    /** Accepts connections and reads nothing, answers nothing: a node that hangs. */
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile int unavailableAnswers;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            int status = calls.incrementAndGet() <= unavailableAnswers ? 503 : 200;
            byte[] body = (status == 200 ? "{\"acknowledged\":true,\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0}}"
                    : "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked by: [SERVICE_UNAVAILABLE/2/no cluster-manager]\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    private URI live() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private URI hanging() {
        return URI.create("http://127.0.0.1:" + silent.getLocalPort());
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    private static ClusterClient client(List<URI> urls, int retries, Duration timeout) {
        return new ClusterClient(new OpenSearchSettings(urls, null, null, null, "mt", 1, 0, 10, 4096, retries, timeout));
    }

    @Test
    void aNodeWithAClosedPortIsSkippedOnceAndLeftAloneWhileTheOtherAnswers() throws Exception {
        URI dead = closedPort();
        try (ClientWarnings log = new ClientWarnings()) {
            ClusterClient c = client(List.of(dead, live()), 0, Duration.ofSeconds(5));
            for (int i = 0; i < 6; i++) {
                assertThat(c.expectOk("POST", "/_bulk", Json.obj("n", i)).path("acknowledged").asBoolean()).isTrue();
            }
            assertThat(calls.get()).isEqualTo(6);
            assertThat(meter(c, "mailtrace.store.requests")).as("each attempt, the dead node's too").isEqualTo(7);
            assertThat(meter(c, "mailtrace.store.nodes.skipped")).isEqualTo(1);
            assertThat(meter(c, "mailtrace.store.retries.busy")).isZero();
            assertThat(log.containing("skipped")).singleElement().asString()
                    .startsWith("OpenSearch node " + dead + " skipped: POST /_bulk got no answer")
                    .contains("marked down for 30 s, sending it to " + live());
        }
    }

    @Test
    void requestsAreSpreadOverTheNodesThatAnswer() throws Exception {
        HttpServer second = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger secondCalls = new AtomicInteger();
        second.createContext("/", exchange -> {
            secondCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        second.start();
        try {
            ClusterClient c = client(List.of(live(), URI.create("http://127.0.0.1:" + second.getAddress().getPort())), 0,
                    Duration.ofSeconds(5));
            for (int i = 0; i < 10; i++) {
                c.expectOk("GET", "/", null);
            }
            assertThat(calls.get()).isEqualTo(5);
            assertThat(secondCalls.get()).isEqualTo(5);
        } finally {
            second.stop(0);
        }
    }

    @Test
    void aSearchThatTimesOutOnAHangingNodeIsSentToTheNext() {
        try (ClientWarnings log = new ClientWarnings()) {
            ClusterClient c = client(List.of(hanging(), live()), 0, Duration.ofMillis(700));
            assertThat(c.expectComplete("POST", "/mt-traces/_search", Json.obj(), true).path("_shards").path("successful").asInt())
                    .isEqualTo(1);
            assertThat(paths).containsExactly("/mt-traces/_search");
            assertThat(log.containing("skipped")).singleElement().asString()
                    .startsWith("OpenSearch node " + hanging() + " skipped: POST /mt-traces/_search got no answer")
                    .contains("HttpTimeoutException");
        }
    }

    @Test
    void aScrollPageThatTimesOutIsNotSentAgainAsTheNodeMayHaveMovedTheScrollOn() {
        ClusterClient c = client(List.of(hanging(), live()), 3, Duration.ofMillis(700));
        assertThatThrownBy(() -> c.expectComplete("POST", "/_search/scroll", Json.obj("scroll_id", "x"), false))
                .isInstanceOf(StoreException.class).hasMessageContaining(hanging() + "/_search/scroll got no answer")
                .hasMessageContaining("it is not repeated");
        assertThat(calls.get()).isZero();
    }

    @Test
    void whenNoNodeAnswersAReadFailsAfterItsRetriesNamingEveryNode() throws Exception {
        URI a = closedPort();
        URI b = closedPort();
        ClusterClient c = client(List.of(a, b), 1, Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.expectOk("GET", "/", null))
                .isInstanceOf(StoreException.class).hasMessageContaining("failed after 2 attempts on [" + a + ", " + b + "]")
                .hasMessageContaining("check that the cluster is up");
        assertThat(meter(c, "mailtrace.store.retries.unreachable")).isEqualTo(1);
    }

    @Test
    void aWaitingClientGoesOnPastItsRetriesWhileTheClusterIsUnavailableAndSaysSo() {
        unavailableAnswers = 4;
        try (ClientWarnings log = new ClientWarnings()) {
            ClusterClient c = client(List.of(live()), 1, Duration.ofSeconds(5)).waiting();
            assertThat(c.expectOk("POST", "/_bulk", Json.obj()).path("acknowledged").asBoolean()).isTrue();
            assertThat(calls.get()).isEqualTo(5);
            assertThat(meter(c, "mailtrace.store.retries.busy")).as("shared with the client it waits for").isEqualTo(4);
            assertThat(log.containing("retry 1 of 1")).hasSize(1);
            assertThat(log.containing("waiting for OpenSearch: POST " + live() + "/_bulk answered 503 (cluster_block_exception"))
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains("nothing is dropped"));
        }
    }

    @Test
    void theSameRequestsFailAfterTheRetriesWithoutWaiting() {
        unavailableAnswers = 4;
        assertThat(client(List.of(live()), 1, Duration.ofSeconds(5)).send("POST", "/_bulk", Json.obj()).status()).isEqualTo(503);
        assertThat(calls.get()).isEqualTo(2);
    }

    private static double meter(ClusterClient c, String name) {
        return c.meters().meters().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value().get().doubleValue();
    }
}
