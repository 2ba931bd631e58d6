package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

/** The HTTP side against a small real server on loopback: auth header, retries, incomplete searches, error messages. */
class ClusterClientTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int busyAnswers;
    private volatile int finalStatus = 200;
    /** The first this many 200 answers cover 2 of 3 shards, the third having no copy assigned. */
    private volatile int partialAnswers;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int n = calls.incrementAndGet();
            int status = n <= busyAnswers ? 429 : finalStatus;
            byte[] body = (status == 200 && n <= partialAnswers
                    ? "{\"hits\":{\"hits\":[]},\"_shards\":{\"total\":3,\"successful\":2,\"skipped\":0,\"failed\":0}}"
                    : status == 200 ? "{\"acknowledged\":true,\"_shards\":{\"total\":3,\"successful\":3,\"skipped\":0,\"failed\":0}}"
                    : "{\"error\":{\"type\":\"security_exception\",\"reason\":\"no permissions for [indices:data/write/bulk]\"},\"status\":"
                    + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ClusterClient client(String user, String password, int retries) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new ClusterClient(new OpenSearchSettings(url, user, password, null, "mt", 1, 0, 10, 4096, retries,
                Duration.ofSeconds(5)));
    }

    @Test
    void sendsBasicAuthAndRetriesWhileTheClusterAnswers429() {
        busyAnswers = 2;
        var body = client("mailtrace", "s3cret", 3).expectOk("PUT", "/x", Json.obj("a", 1));
        assertThat(body.path("acknowledged").asBoolean()).isTrue();
        assertThat(calls.get()).isEqualTo(3);
        assertThat(authorizations).containsOnly("Basic bWFpbHRyYWNlOnMzY3JldA==");
    }

    @Test
    void retriesASearchThatMissedAShardUntilItCoversThemAll() {
        partialAnswers = 2;
        var body = client(null, null, 3).expectComplete("POST", "/mt-traces/_search", Json.obj(), true);
        assertThat(body.path("_shards").path("successful").asInt()).isEqualTo(3);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void aSearchThatKeepsMissingAShardFailsInsteadOfReturningFewerHits() {
        partialAnswers = 100;
        assertThatThrownBy(() -> client(null, null, 2).expectComplete("POST", "/mt-traces/_search", Json.obj(), true))
                .isInstanceOf(StoreException.class).hasMessageContaining("searched 2 of 3 shards")
                .hasMessageContaining("after 3 attempts").hasMessageContaining("GET /_cluster/health");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void aScrollPageThatMissedAShardFailsAtOnceAsRepeatingItWouldSkipAPage() {
        partialAnswers = 100;
        assertThatThrownBy(() -> client(null, null, 5).expectComplete("POST", "/_search/scroll", Json.obj(), false))
                .isInstanceOf(StoreException.class).hasMessageContaining("searched 2 of 3 shards");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheRetriesSayingWhatToDo() {
        busyAnswers = 100;
        assertThatThrownBy(() -> client(null, null, 2).expectOk("POST", "/_bulk", null))
                .isInstanceOf(StoreException.class).hasMessageContaining("answered 429").hasMessageContaining("retried 2 times");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(authorizations).containsOnly("null");
    }

    @Test
    void refusedCredentialsNameTheClustersReasonAndWhatToCheck() {
        finalStatus = 403;
        assertThatThrownBy(() -> client("u", "p", 0).expectOk("POST", "/mt-traces/_search", null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("/mt-traces/_search answered 403 (security_exception: no permissions")
                .hasMessageContaining("check the OpenSearch username/password");
    }

    @Test
    void anUnreachableClusterIsAStoreExceptionNamingTheUrl() {
        server.stop(0);
        assertThatThrownBy(() -> client(null, null, 1).expectOk("GET", "/", null))
                .isInstanceOf(StoreException.class).hasMessageContaining("failed after 2 attempts")
                .hasMessageContaining("check that the cluster is up");
    }

    @Test
    void aCaFileWithoutCertificatesIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        URI url = URI.create("https://127.0.0.1:9200");
        assertThatThrownBy(() -> new ClusterClient(new OpenSearchSettings(url, null, null, ca, "mt", 1, 0, 10, 4096, 0,
                Duration.ofSeconds(5)))).isInstanceOf(StoreException.class).hasMessageContaining(ca.toString());
    }
}
