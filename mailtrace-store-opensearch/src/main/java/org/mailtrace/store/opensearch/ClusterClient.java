package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.mailtrace.store.StoreException;

/**
 * The cluster's REST API over the JDK's HttpClient: JSON in and out (Jackson), basic auth, a CA file
 * for TLS, and retries with backoff when the cluster answers 429 (too many requests) or 503 or does
 * not answer at all. Thread-safe. Every failure is a {@link StoreException} that names the request,
 * the answer and what to check.
 */
final class ClusterClient implements AutoCloseable {
    /** One answer: HTTP status and JSON body (a MissingNode when there was none). */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchSettings settings;
    private final HttpClient http;
    private final String authorization;

    ClusterClient(OpenSearchSettings settings) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (settings.caFile() != null) {
            b.sslContext(trusting(settings));
        }
        this.http = b.build();
        this.authorization = settings.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    static ObjectMapper json() {
        return JSON;
    }

    /** Sends a JSON body (or none) and returns the answer whatever its status; retries 429/503. */
    Response send(String method, String path, JsonNode body) {
        try {
            return send(method, path, body == null ? null : JSON.writeValueAsBytes(body), "application/json");
        } catch (IOException e) {
            throw new StoreException("cannot serialise the request body of " + method + " " + path, e);
        }
    }

    /** Like {@link #send(String, String, JsonNode)}, but fails unless the status is 2xx. */
    JsonNode expectOk(String method, String path, JsonNode body) {
        Response r = send(method, path, body);
        if (!r.ok()) {
            throw failure(method, path, r);
        }
        return r.body();
    }

    /** Sends raw bytes (NDJSON for _bulk); retries 429/503. */
    Response send(String method, String path, byte[] body, String contentType) {
        URI uri = settings.url().resolve(path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            rb.header("Content-Type", contentType);
        }
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        HttpRequest request = rb.build();
        long backoffMillis = 100;
        for (int attempt = 0; ; attempt++) {
            Response r;
            try {
                HttpResponse<InputStream> resp = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                r = new Response(resp.statusCode(), readBody(resp));
            } catch (IOException e) {
                if (attempt >= settings.maxRetries()) {
                    throw new StoreException("OpenSearch " + method + " " + uri + " failed after " + (attempt + 1)
                            + " attempts: " + e + "; check that the cluster is up and reachable at " + settings.url(), e);
                }
                r = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted during OpenSearch " + method + " " + uri, e);
            }
            if (r != null && (r.status() != 429 && r.status() != 503 || attempt >= settings.maxRetries())) {
                return r;
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(5_000, backoffMillis * 2);
        }
    }

    /** A StoreException for an unexpected answer, with the cluster's own reason. */
    StoreException failure(String method, String path, Response r) {
        JsonNode error = r.body().path("error");
        String reason = error.isObject()
                ? error.path("type").asText() + ": " + error.path("reason").asText()
                : r.body().toString();
        String hint = switch (r.status()) {
            case 401, 403 -> "check the OpenSearch username/password and the user's index permissions for prefix '"
                    + settings.indexPrefix() + "'";
            case 429, 503 -> "the cluster is overloaded or unavailable; retried " + settings.maxRetries() + " times, try again later";
            default -> "see the cluster's log";
        };
        return new StoreException("OpenSearch " + method + " " + settings.url().resolve(path) + " answered "
                + r.status() + " (" + abbreviate(reason) + "); " + hint);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to retry an OpenSearch request", e);
        }
    }

    private static JsonNode readBody(HttpResponse<InputStream> resp) throws IOException {
        try (InputStream in = resp.body()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException notJson) {
                return JSON.getNodeFactory().textNode(new String(bytes, 0, Math.min(bytes.length, 2000), StandardCharsets.UTF_8));
            }
        }
    }

    private static SSLContext trusting(OpenSearchSettings s) {
        try (InputStream in = Files.newInputStream(s.caFile())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new StoreException("OpenSearch ca-file " + s.caFile() + " holds no PEM certificate; give the CA that signed the cluster's HTTP certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot read OpenSearch ca-file " + s.caFile() + ": " + e.getMessage()
                    + "; give a readable PEM file with the CA certificate(s)", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end when it is unreachable.
    }
}
