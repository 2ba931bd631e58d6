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
 * not answer at all, each retry logged as a warning. Searches and counts must cover every shard
 * ({@link #expectComplete}): the cluster answers 200 with fewer hits when a shard has no live copy.
 * Thread-safe. Every failure is a {@link StoreException} that names the request, the answer and
 * what to check.
 */
final class ClusterClient implements AutoCloseable {
    /** One answer: HTTP status and JSON body (a MissingNode when there was none). */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterClient.class);

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

    /**
     * Like {@link #expectOk}, for a search, scroll page or count: also fails when the answer covers
     * fewer shards than the request targets, which the cluster answers with 200 and the hits of the
     * other shards when a shard has no live copy (a node just died and no replica is promoted yet, or
     * the index is red). A copy that failed counts in {@code _shards.failed}; a shard with no copy
     * assigned at all does not, it only leaves {@code _shards.successful} (which includes skipped
     * shards) below {@code total}. Such rows would be silently missing, and a
     * commit would miss documents it must replace, so an incomplete answer is never returned: a
     * request that may be repeated ({@code repeatable}; not a scroll page, which would advance) is
     * retried like a 503, the rest fail.
     */
    JsonNode expectComplete(String method, String path, JsonNode body, boolean repeatable) {
        long backoffMillis = 100;
        for (int attempt = 0; ; attempt++) {
            JsonNode r = expectOk(method, path, body);
            JsonNode shards = r.path("_shards");
            int failed = shards.path("failed").asInt(0);
            if (failed == 0 && shards.path("successful").asInt(0) >= shards.path("total").asInt(0)) {
                return r;
            }
            String why = "OpenSearch " + method + " " + settings.url().resolve(path) + " searched "
                    + shards.path("successful").asInt() + " of " + shards.path("total").asInt() + " shards ("
                    + (shards.path("failures").isEmpty() ? "the others have no copy assigned"
                            : abbreviate(shards.path("failures").toString())) + ")";
            if (!repeatable || attempt >= settings.maxRetries()) {
                throw new StoreException(why + "; an answer without them would miss rows, so none is given"
                        + (repeatable ? " after " + (attempt + 1) + " attempts" : "") + ": check GET /_cluster/health"
                        + " (red means a shard has no copy on a live node) and retry once it is yellow or green");
            }
            LOG.warn("{}; retry {} of {} in {} ms", why, attempt + 1, settings.maxRetries(), backoffMillis);
            sleep(backoffMillis);
            backoffMillis = Math.min(5_000, backoffMillis * 2);
        }
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
        IOException lastFailure = null;
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
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted during OpenSearch " + method + " " + uri, e);
            }
            if (r != null && (r.status() != 429 && r.status() != 503 || attempt >= settings.maxRetries())) {
                return r;
            }
            LOG.warn("OpenSearch {} {} {}; retry {} of {} in {} ms", method, uri,
                    r == null ? "got no answer (" + lastFailure + ")" : "answered " + r.status() + " ("
                            + abbreviate(r.body().path("error").isObject() ? r.body().path("error").path("type").asText() + ": "
                            + r.body().path("error").path("reason").asText() : r.body().toString()) + ")",
                    attempt + 1, settings.maxRetries(), backoffMillis);
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
