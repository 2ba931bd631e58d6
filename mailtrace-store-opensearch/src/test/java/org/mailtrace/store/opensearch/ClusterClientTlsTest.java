package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.StoreException;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceStore;

/**
 * The store over real TLS on loopback: an HTTPS server with a certificate for 127.0.0.1 signed by a
 * CA made for the test ({@link LoopbackCertificates}), answering {@code GET /} as OpenSearch 2.19.6
 * does and only with the right basic-auth credentials. The options come the way the CLI and server
 * take them: {@link StoreOptions#fromEnvironment} with {@code MAILTRACE_STORE_*}.
 */
class ClusterClientTlsTest {
    private static final String USER = "mailtrace";
    private static final String PASSWORD = "pä55 word:with colon";

    @TempDir
    static Path certDir;
    private static LoopbackCertificates certs;

    private HttpsServer server;
    /** The Authorization header of each request the server read (after the TLS handshake). */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = LoopbackCertificates.create(certDir);
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certs.serverContext()));
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            byte[] body;
            int status;
            if (!expected.equals(auth)) {
                // What the security plugin answers: plain text and a challenge.
                status = 401;
                body = "Unauthorized".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
            } else if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/")) {
                status = 200;
                body = ("{\"name\":\"node-1\",\"cluster_name\":\"mailtrace-test\",\"version\":{\"distribution\":\"opensearch\","
                        + "\"number\":\"2.19.6\",\"lucene_version\":\"9.12.3\"},\"tagline\":\"The OpenSearch Project: https://opensearch.org/\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            } else {
                status = 400;
                body = ("{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"not played by this test: "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\"},\"status\":400}").getBytes(StandardCharsets.UTF_8);
            }
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

    private StoreLocation location() {
        return StoreLocation.parse("opensearch:https://127.0.0.1:" + server.getAddress().getPort());
    }

    private static TraceStore open(StoreLocation at, boolean readOnly, Map<String, String> env) {
        return new OpenSearchTraceStoreFactory().open(at, StoreOptions.fromEnvironment(readOnly, env));
    }

    @Test
    void connectsTrustingTheCaFileWithThePasswordFromThePasswordFile(@TempDir Path dir) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("store-password"), PASSWORD + "\n", StandardCharsets.UTF_8);
        try (TraceStore store = open(location(), true, Map.of("MAILTRACE_STORE_USER", USER,
                "MAILTRACE_STORE_PASSWORD_FILE", passwordFile.toString(),
                "MAILTRACE_STORE_CA_FILE", certs.caPem().toString()))) {
            assertThat(store).isInstanceOf(OpenSearchTraceStore.class);
        }
        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aServerSignedByAnotherCaIsRefusedAtOnceSayingToCheckTheCaFile() {
        // Writable: its requests wait for an unavailable cluster; a certificate that is not trusted
        // is no outage, so it must fail at once rather than wait for ever.
        Map<String, String> env = Map.of("MAILTRACE_STORE_USER", USER, "MAILTRACE_STORE_PASSWORD", PASSWORD,
                "MAILTRACE_STORE_CA_FILE", certs.otherCaPem().toString());
        StoreLocation at = location();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> open(at, false, env)).isInstanceOf(StoreException.class)
                        .hasMessageContaining("OpenSearch GET https://127.0.0.1:" + server.getAddress().getPort() + "/")
                        .hasMessageContaining("not trusted")
                        .hasMessageContaining("check the CA file " + certs.otherCaPem()));
        assertThat(authorizations).as("no request passes a refused handshake").isEmpty();
    }

    @Test
    void aWrongPasswordIsA401NamingTheUrlAndWhatToCheck() {
        Map<String, String> env = Map.of("MAILTRACE_STORE_USER", USER, "MAILTRACE_STORE_PASSWORD", "not-the-password",
                "MAILTRACE_STORE_CA_FILE", certs.caPem().toString());
        StoreLocation at = location();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> open(at, false, env)).isInstanceOf(StoreException.class)
                        .hasMessageContaining("OpenSearch GET https://127.0.0.1:" + server.getAddress().getPort() + "/ answered 401")
                        .hasMessageContaining("Unauthorized")
                        .hasMessageContaining("check the OpenSearch username/password"));
        assertThat(authorizations).hasSize(1);
    }
}
