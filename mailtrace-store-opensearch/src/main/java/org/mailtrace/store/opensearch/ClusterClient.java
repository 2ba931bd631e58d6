package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.mailtrace.store.StoreException;

/**
 * The cluster's REST API over the JDK's HttpClient: JSON in and out (Jackson), basic auth, a CA file
 * for TLS, requests spread over the cluster's nodes with fail-over ({@link ClusterNodes}), and
 * retries with backoff when the cluster answers 429 (too many requests) or 503 or no node answers,
 * each retry logged as a warning. Searches and counts must cover every shard
 * ({@link #expectComplete}): the cluster answers 200 with fewer hits when a shard has no live copy.
 * Thread-safe. Every failure is a {@link StoreException} that names the request, the answer and
 * what to check.
 *
 * <p><b>Fail-over.</b> A request that could not be delivered (connection refused or not made in
 * time) goes to the next node at once, whatever it is: the cluster never saw it. A request that
 * may have reached a node that then did not answer (it timed out, the connection broke) is sent to
 * another node only when applying it twice is harmless ({@link #repeatable}); an answer, even 4xx
 * or 5xx, is never sent elsewhere, except 429/503, which say the request was not applied. A node
 * whose TLS certificate is not trusted fails the request at once, saying to check the CA file: that
 * is a setting to fix, which neither retries nor waiting would.
 *
 * <p><b>Waiting.</b> A client made by {@link #waiting()} (the write side of a writable store: ingest)
 * does not give up after {@code retries}: it goes on trying every 5 s for as long as the cluster is
 * unavailable (no node answers, 429, 503, a shard without a live copy), saying
 * "waiting for OpenSearch: ..." at most every {@value #WAIT_LOG_SECONDS} s, so a cluster that is
 * down or lost its majority stalls ingest, which resumes where it was when the cluster answers,
 * instead of failing it.
 */
final class ClusterClient implements AutoCloseable {
    /** One answer: HTTP status, JSON body (a MissingNode when there was none) and the URL that answered. */
    record Response(int status, JsonNode body, URI from) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** How often a request without an answer, or a wait for the cluster, is reported. */
    static final int WAIT_LOG_SECONDS = 5;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterClient.class);

    private final OpenSearchSettings settings;
    private final HttpClient http;
    private final String authorization;
    private final ClusterNodes nodes;
    private final boolean waitForCluster;
    private final ClientMeters meters;

    ClusterClient(OpenSearchSettings settings) {
        this(settings, new ClusterNodes(settings.urls()));
    }

    ClusterClient(OpenSearchSettings settings, ClusterNodes nodes) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout(settings))
                .version(HttpClient.Version.HTTP_1_1);
        if (settings.caFile() != null) {
            b.sslContext(trusting(settings));
        }
        this.http = b.build();
        this.authorization = settings.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        this.nodes = nodes;
        this.waitForCluster = false;
        this.meters = new ClientMeters();
    }

    private ClusterClient(ClusterClient of, boolean waitForCluster) {
        this.settings = of.settings;
        this.http = of.http;
        this.authorization = of.authorization;
        this.nodes = of.nodes;
        this.waitForCluster = waitForCluster;
        this.meters = of.meters;
    }

    /** What this client (and its {@link #waiting()} twin) counted. */
    ClientMeters meters() {
        return meters;
    }

    /**
     * The same client (connections, node marks) for requests that must not fail while the cluster is
     * unavailable: they are repeated, with a "waiting for OpenSearch" warning every few seconds,
     * until the cluster answers. Refusals (4xx, a failed document) still fail at once.
     */
    ClusterClient waiting() {
        return new ClusterClient(this, true);
    }

    /** Whether this client waits for the cluster instead of failing after the retries ({@link #waiting()}). */
    boolean waits() {
        return waitForCluster;
    }

    /** A node that does not accept a connection within this is skipped for another (at most 10 s). */
    private static Duration connectTimeout(OpenSearchSettings s) {
        return s.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0 ? s.requestTimeout() : Duration.ofSeconds(10);
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

    /**
     * Like {@link #send(String, String, JsonNode)}, but a 429 or 503 answer is returned at once instead
     * of retried: for optional requests (opening a point in time) whose caller has a way on without
     * them, so a busy cluster costs no backoff. Fail-over between nodes still applies.
     */
    Response sendOnce(String method, String path, JsonNode body) {
        try {
            return send(method, path, body == null ? null : JSON.writeValueAsBytes(body), "application/json", false);
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
        WaitLog waitLog = new WaitLog();
        for (int attempt = 0; ; attempt++) {
            JsonNode r = expectOk(method, path, body);
            JsonNode shards = r.path("_shards");
            int failed = shards.path("failed").asInt(0);
            if (failed == 0 && shards.path("successful").asInt(0) >= shards.path("total").asInt(0)) {
                return r;
            }
            String why = "OpenSearch " + method + " " + path + " searched "
                    + shards.path("successful").asInt() + " of " + shards.path("total").asInt() + " shards ("
                    + (shards.path("failures").isEmpty() ? "the others have no copy assigned"
                            : abbreviate(shards.path("failures").toString())) + ")";
            if (!repeatable || attempt >= settings.maxRetries() && !waitForCluster) {
                throw new StoreException(why + "; an answer without them would miss rows, so none is given"
                        + (repeatable ? " after " + (attempt + 1) + " attempts" : "") + ": check GET /_cluster/health"
                        + " (red means a shard has no copy on a live node) and retry once it is yellow or green");
            }
            meters.incompleteRetries.increment();
            if (attempt < settings.maxRetries()) {
                LOG.warn("{}; retry {} of {} in {} ms", why, attempt + 1, settings.maxRetries(), backoffMillis);
            } else {
                waitLog.report(why + "; retrying until every shard has a live copy");
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
    }

    /**
     * Sends raw bytes (NDJSON for _bulk) to one node after another until one answers; retries
     * 429/503 and "no node answered" with backoff ({@code retries} times, or until the cluster answers
     * for a {@link #waiting()} client).
     */
    Response send(String method, String path, byte[] body, String contentType) {
        return send(method, path, body, contentType, true);
    }

    private Response send(String method, String path, byte[] body, String contentType, boolean retryBusy) {
        boolean repeatable = repeatable(method, path);
        Set<URI> tried = new HashSet<>();
        WaitLog waitLog = new WaitLog();
        long backoffMillis = 100;
        String problem = null;
        URI nextNode = null;
        for (int attempt = 0; ; ) {
            URI node = nextNode != null ? nextNode : nodes.pick(tried);
            nextNode = null;
            tried.add(node);
            URI uri = node.resolve(path);
            Response r;
            meters.requests.increment();
            try {
                r = exchange(method, uri, body, contentType);
                nodes.markUp(node);
            } catch (IOException e) {
                if (untrustedCertificate(e)) {
                    throw new StoreException("OpenSearch " + method + " " + uri + " refused: the node's TLS certificate is not"
                            + " trusted (" + e.getMessage() + "); " + (settings.caFile() == null
                            ? "no CA file is given, so the JVM's trust store decides: set MAILTRACE_STORE_CA_FILE to the PEM"
                            : "check the CA file " + settings.caFile() + " (MAILTRACE_STORE_CA_FILE): it must be the PEM")
                            + " of the CA that signed the cluster's HTTP certificate, and that certificate must name the host"
                            + " or address of the URL", e);
                }
                nodes.markDown(node);
                boolean delivered = !(e instanceof ConnectException || e instanceof HttpConnectTimeoutException);
                if (delivered && !repeatable) {
                    throw new StoreException("OpenSearch " + method + " " + uri + " got no answer (" + e + ") after it was"
                            + " sent; it is not repeated, as the node may have applied it and a repeat would not give the"
                            + " same result; check that node (marked down for " + ClusterNodes.DOWN_TIME.toSeconds() + " s)", e);
                }
                nextNode = nodes.pick(tried);
                if (nextNode != null) {
                    meters.nodesSkipped.increment();
                    LOG.warn("OpenSearch node {} skipped: {} {} got no answer ({}); marked down for {} s, sending it to {}",
                            node, method, path, e, ClusterNodes.DOWN_TIME.toSeconds(), nextNode);
                    continue;
                }
                problem = "no node answered " + method + " " + path + " (last: " + node + ", " + e + ")";
                if (attempt >= settings.maxRetries() && !waitForCluster) {
                    throw new StoreException("OpenSearch " + method + " " + uri + " failed after " + (attempt + 1)
                            + " attempts on " + nodes.all() + ": " + e + "; check that the cluster is up and reachable at "
                            + nodes.all(), e);
                }
                r = null;
                meters.unreachableRetries.increment();
            }
            if (r != null) {
                if (r.status() != 429 && r.status() != 503 || !retryBusy || attempt >= settings.maxRetries() && !waitForCluster) {
                    return r;
                }
                meters.busyRetries.increment();
                problem = method + " " + uri + " answered " + r.status() + " (" + abbreviate(r.body().path("error").isObject()
                        ? r.body().path("error").path("type").asText() + ": " + r.body().path("error").path("reason").asText()
                        : r.body().toString()) + ")";
            }
            if (attempt < settings.maxRetries()) {
                LOG.warn("OpenSearch {}; retry {} of {} in {} ms", problem, attempt + 1, settings.maxRetries(), backoffMillis);
            } else {
                waitLog.report(problem);
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
            attempt++;
            tried.clear();
        }
    }

    /**
     * Whether the TLS handshake failed on the node's certificate (signed by a CA not trusted, or not
     * for this host): a setting to fix, not an outage, so it is neither retried nor waited out.
     */
    private static boolean untrustedCertificate(IOException e) {
        if (!(e instanceof SSLHandshakeException)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a request that may have reached a node which then did not answer (timed out, broken
     * connection) may be sent again, to that node or another: whether applying it twice leaves what
     * applying it once does.
     * <ul>
     *   <li>GET and HEAD, and searches and counts ({@code _search}, {@code _count}) read only.</li>
     *   <li>{@code _bulk}: every action names its document by a deterministic ID (trace ID, row
     *       index), so an index action applied twice stores the same document and a delete applied
     *       twice finds nothing the second time, which {@link BulkWriter} accepts.</li>
     *   <li>PUT of a document (checkpoint, state chunk: deterministic IDs), of the index template or
     *       of an index (a second create answers "already exists", which the caller accepts), and
     *       {@code _refresh}: the same PUT twice leaves the same state.</li>
     *   <li>DELETE of a document, an index, a scroll or a point in time: the second finds it gone
     *       (404), which the callers accept.</li>
     *   <li>Opening a point in time ({@code POST /<alias>/_search/point_in_time}): a repeat opens a
     *       second one; the first, never named to anyone, expires after its keep-alive (minutes).</li>
     * </ul>
     * Not repeatable: a scroll page ({@code POST /_search/scroll}), as the cluster moves the scroll
     * on with every request it serves, so a repeat would return the next page and skip one.
     */
    static boolean repeatable(String method, String path) {
        return !(method.equals("POST") && path.startsWith("/_search/scroll"));
    }

    /** One HTTP exchange with one node; says every {@value #WAIT_LOG_SECONDS} s that it is still waiting. */
    private Response exchange(String method, URI uri, byte[] body, String contentType) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            rb.header("Content-Type", contentType);
        }
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<InputStream>> answer = http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        long started = System.nanoTime();
        try {
            while (true) {
                try {
                    HttpResponse<InputStream> resp = answer.get(WAIT_LOG_SECONDS, TimeUnit.SECONDS);
                    return new Response(resp.statusCode(), readBody(resp), uri);
                } catch (TimeoutException stillWaiting) {
                    LOG.warn("waiting for OpenSearch: {} {} has had no answer for {} s (request timeout {} s; the cluster may"
                            + " be electing a cluster manager or lost its majority: check GET /_cluster/health on each node)",
                            method, uri, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                            settings.requestTimeout().toSeconds());
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new StoreException("OpenSearch " + method + " " + uri + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted during OpenSearch " + method + " " + uri, e);
        }
    }

    /** The "waiting for OpenSearch" warning of one request, at most every {@value #WAIT_LOG_SECONDS} s. */
    private final class WaitLog {
        private final long started = System.nanoTime();
        private long lastReport;

        void report(String problem) {
            long now = System.nanoTime();
            if (lastReport != 0 && now - lastReport < TimeUnit.SECONDS.toNanos(WAIT_LOG_SECONDS)) {
                return;
            }
            lastReport = now;
            LOG.warn("waiting for OpenSearch: {}; waited {} s, retrying every {} s until it answers, nothing is dropped"
                    + " (nodes: {}; check GET /_cluster/health)", problem,
                    TimeUnit.NANOSECONDS.toSeconds(now - started), MAX_BACKOFF_MILLIS / 1000, nodes.all());
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
        return new StoreException("OpenSearch " + method + " " + r.from() + " answered "
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
