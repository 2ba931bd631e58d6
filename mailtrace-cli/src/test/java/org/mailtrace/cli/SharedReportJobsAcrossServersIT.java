package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;

/**
 * Report jobs on two {@code serve} processes on one OpenSearch store (a real node, real HTTP on
 * loopback): a report ordered on one is listed and downloaded, byte for byte, on the other; reports
 * ordered on a server that is then killed (SIGKILL) are all finished by the other one, with the
 * same CSV; a report deleted on one is gone, CSV included, on the other.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class SharedReportJobsAcrossServersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "reports-admin-password-1";
    private static final String ORDER = "{\"type\":\"enhanced\",\"title\":\"all mail\",\"query\":{}}";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String prefix = "reports-" + ProcessHandle.current().pid();
    private final String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @Test
    void aReportOrderedOnOneServerIsListedDownloadedAndFinishedOnTheOtherEvenWhenTheFirstIsKilled() throws Exception {
        Process ingest = cli(tmp.resolve("ingest.out"), "ingest", "--store", "opensearch:" + OpenSearchNodeExtension.url(),
                IngestAndSearchTest.LOG.toAbsolutePath().toString());
        assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue()).as(Files.readString(tmp.resolve("ingest.out"))).isZero();

        Path outA = tmp.resolve("a.out");
        Path outB = tmp.resolve("b.out");
        Process a = serve(outA);
        Process b = serve(outB);
        try {
            String urlA = ChildCli.awaitListening(a, outA);
            String urlB = ChildCli.awaitListening(b, outB);

            // Ordered on A: B lists it, and once done both download the same bytes.
            String first = call("POST", urlA + "/api/v1/reports", ORDER, 201).path("id").asText();
            assertThat(awaitFinished(urlB, first, Duration.ofSeconds(60))).isEqualTo("done");
            assertThat(ids(call("GET", urlB + "/api/v1/reports", null, 200))).contains(first);
            byte[] csv = download(urlB, first);
            assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith("origin_timestamp_utc,sender_address,").contains("\r\n");
            assertThat(csv).isEqualTo(download(urlA, first));

            // Ordered on A, which is then killed: B finishes every one, with the same CSV.
            List<String> orphans = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                orphans.add(call("POST", urlA + "/api/v1/reports", ORDER, 201).path("id").asText());
            }
            a.destroyForcibly(); // SIGKILL: no claim released, no state written
            assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (String id : orphans) {
                assertThat(awaitFinished(urlB, id, Duration.ofSeconds(120))).as(id + "\n" + Files.readString(outB)).isEqualTo("done");
                assertThat(download(urlB, id)).as(id).isEqualTo(csv);
            }
            String logB = Files.readString(outB);
            logB.lines().filter(l -> l.contains("claimed by this server") || l.contains("taking over")).forEach(System.out::println);
            assertThat(orphans).as("B ran at least one of the reports A left: " + logB)
                    .anyMatch(id -> logB.contains("report " + id + ": claimed by this server"));

            // Deleted on B: gone, CSV included.
            call("DELETE", urlB + "/api/v1/reports/" + first, null, 204);
            assertThat(send("GET", urlB + "/api/v1/reports/" + first + "/download", null).statusCode()).isEqualTo(404);
            assertThat(ids(call("GET", urlB + "/api/v1/reports", null, 200))).doesNotContain(first).containsAll(orphans);
        } finally {
            a.destroyForcibly();
            b.destroy();
        }
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.exitValue()).as(Files.readString(outB)).isZero();
    }

    private String awaitFinished(String url, String id, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = call("GET", url + "/api/v1/reports/" + id, null, 200).path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return state;
            }
            Thread.sleep(200);
        }
        return state;
    }

    private byte[] download(String url, String id) throws Exception {
        HttpResponse<byte[]> r = http.send(request("GET", url + "/api/v1/reports/" + id + "/download", null),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    private Process serve(Path out) throws Exception {
        // The polls below are one user's requests: on a slow machine the takeover of the killed
        // server's reports took long enough for them to pass the default 100 per 5 minutes (429).
        return cli(out, "serve", "--store", "opensearch:" + OpenSearchNodeExtension.url(), "--listen", "127.0.0.1:0",
                "--rate-limit", "0");
    }

    private Process cli(Path out, String... args) throws Exception {
        return ChildCli.startOnSharedStore(tmp, out, prefix, Map.of("MAILTRACE_ADMIN_PASSWORD", ADMIN_PASSWORD), args);
    }

    private JsonNode call(String method, String url, String body, int expected) throws Exception {
        HttpResponse<String> r = send(method, url, body);
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(request(method, url, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String url, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    private static List<String> ids(JsonNode reports) {
        List<String> ids = new ArrayList<>();
        reports.path("reports").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
