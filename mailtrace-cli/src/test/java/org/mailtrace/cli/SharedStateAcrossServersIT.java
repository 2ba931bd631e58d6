package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;

/**
 * Two {@code serve} processes on one OpenSearch store (a real node, real HTTP on loopback), started
 * at the same moment with no data directory: an account, an API token, a saved query, recent queries
 * and a console sign-in made through one work on the other, a sign-out or a downgrade on one ends the
 * session (and the downgrade the token) on the other, {@code mailtrace user add} reaches both, a page
 * cursor given by one pages on the other (a changed one is refused with a 400), and the audit log
 * each shows holds what both did.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class SharedStateAcrossServersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "shared-admin-password-1";
    private static final String ALICE_PASSWORD = "alice-password-long-1";
    private static final String CAROL_PASSWORD = "carol-password-long-1";
    private static final Pattern REPORTS = Pattern.compile("CSVs of reports running on this server are written in (\\S+) ");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String prefix = "shared-" + ProcessHandle.current().pid();

    private String store() {
        return "opensearch:" + OpenSearchNodeExtension.url();
    }

    @Test
    void twoServersOnOneClusterShareAccountsTokensQueriesSignInsAndTheAuditLog() throws Exception {
        Process ingest = cli(tmp.resolve("ingest.out"), Map.of(), "ingest", "--store", store(), IngestAndSearchTest.LOG.toAbsolutePath().toString());
        assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue()).as(Files.readString(tmp.resolve("ingest.out"))).isZero();

        // Started together: both find no accounts, and the cluster lets exactly one create admin.
        Path outA = tmp.resolve("a.out");
        Path outB = tmp.resolve("b.out");
        Process a = serve(outA);
        Process b = serve(outB);
        List<Process> servers = List.of(a, b);
        try {
            String urlA = ChildCli.awaitListening(a, outA);
            String urlB = ChildCli.awaitListening(b, outB);
            assertThat(Files.readString(outA) + Files.readString(outB)).doesNotContain("shown only now");
            String admin = basic("admin", ADMIN_PASSWORD);

            // An account made through A signs in on B.
            JsonNode created = call("POST", urlA + "/api/v1/users", admin, null,
                    "{\"name\":\"alice\",\"role\":\"Help Desk\",\"password\":\"" + ALICE_PASSWORD + "\"}", 201);
            assertThat(created.path("name").asText()).isEqualTo("alice");
            String alice = basic("alice", ALICE_PASSWORD);
            assertThat(call("GET", urlB + "/api/v1/session", alice, null, null, 200).path("name").asText()).isEqualTo("alice");

            // A token made on A authenticates on B; a search on B is remembered on A.
            JsonNode token = call("POST", urlA + "/api/v1/users/alice/tokens", alice, null, "{\"label\":\"ci\"}", 201);
            String bearer = "Bearer " + token.path("token").asText();
            JsonNode rows = call("GET", urlB + "/api/v1/traces?status=" + enc("Delivered"), bearer, null, null, 200);
            assertThat(rows.path("rows")).isNotEmpty();
            assertThat(call("GET", urlA + "/api/v1/queries/recent", bearer, null, null, 200).path("queries"))
                    .anySatisfy(q -> assertThat(q.path("query").path("status").toString()).contains("Delivered"));

            // A cursor given by A pages on B (they share the installation's cursor key); a changed one is a 400 there
            // and a usage error in the CLI, both saying to start again from the first page.
            JsonNode firstPage = call("GET", urlA + "/api/v1/traces?limit=1", bearer, null, null, 200);
            String next = firstPage.path("next").asText();
            JsonNode secondPage = call("GET", urlB + "/api/v1/traces?limit=1&cursor=" + enc(next), bearer, null, null, 200);
            assertThat(secondPage.path("rows")).hasSize(1);
            assertThat(secondPage.path("rows").get(0)).isNotEqualTo(firstPage.path("rows").get(0));
            int middle = next.length() / 2;
            String changed = next.substring(0, middle) + (next.charAt(middle) == 'A' ? 'B' : 'A') + next.substring(middle + 1);
            HttpResponse<String> refused = send("GET", urlB + "/api/v1/traces?limit=1&cursor=" + enc(changed), bearer, null, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("not valid for this installation")
                    .contains("restart the search from the first page");
            Process paged = cli(tmp.resolve("cursor.out"), Map.of(), "trace", "--store", store(), "--limit", "1", "--cursor", changed);
            assertThat(paged.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(paged.exitValue()).as(Files.readString(tmp.resolve("cursor.out"))).isEqualTo(2);
            assertThat(Files.readString(tmp.resolve("cursor.out"))).contains("not valid for this installation")
                    .contains("restart the search from the first page");

            // Each server's /metrics shows its own store client's counts (requests, bulk, retries).
            HttpResponse<String> metrics = send("GET", urlB + "/metrics", admin, null, null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).containsPattern("(?m)^mailtrace_store_requests_total [1-9]")
                    .contains("# HELP mailtrace_store_retries_busy_total").contains("mailtrace_store_nodes_skipped_total 0.0")
                    .contains("mailtrace_store_bulk_seconds_total");

            // A saved query made on A is listed on B; deleted on B, it is gone on A.
            JsonNode saved = call("POST", urlA + "/api/v1/queries", bearer, null,
                    "{\"name\":\"bounces\",\"query\":{\"status\":[\"Failed\"]}}", 201);
            String id = saved.path("id").asText();
            assertThat(ids(call("GET", urlB + "/api/v1/queries", bearer, null, null, 200))).contains(id);
            call("DELETE", urlB + "/api/v1/queries/" + id, bearer, null, null, 204);
            assertThat(ids(call("GET", urlA + "/api/v1/queries", bearer, null, null, 200))).doesNotContain(id);

            // A console sign-in on A is a session on B; signing out on B ends it on A.
            HttpResponse<String> signIn = send("POST", urlA + "/api/v1/session", null, null,
                    "{\"name\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\"}");
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            assertThat(cookie).startsWith("mailtrace_session=");
            String csrf = JSON.readTree(signIn.body()).path("csrfToken").asText();
            JsonNode onB = call("GET", urlB + "/api/v1/session", null, cookie, null, 200);
            assertThat(onB.path("name").asText()).isEqualTo("alice");
            assertThat(onB.path("auth").asText()).isEqualTo("session");
            assertThat(call("GET", urlB + "/api/v1/traces?limit=1", null, cookie, null, 200).path("rows")).hasSize(1);
            HttpResponse<String> out = send("DELETE", urlB + "/api/v1/session", null, cookie, null, Map.of("X-CSRF-Token", csrf));
            assertThat(out.statusCode()).as(out.body()).isBetween(200, 204);
            assertThat(send("GET", urlA + "/api/v1/session", null, cookie, null).statusCode()).isEqualTo(401);

            // A downgrade made on B ends alice's new session and her token on A at their next request.
            HttpResponse<String> again = send("POST", urlA + "/api/v1/session", null, null,
                    "{\"name\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\"}");
            String cookie2 = again.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            assertThat(call("GET", urlA + "/api/v1/session", null, cookie2, null, 200).path("name").asText()).isEqualTo("alice");
            call("PATCH", urlB + "/api/v1/users/alice", admin, null, "{\"role\":\"View-Only\"}", 200);
            assertThat(send("GET", urlA + "/api/v1/session", null, cookie2, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", urlA + "/api/v1/traces?limit=1", bearer, null, null).statusCode()).isEqualTo(401);

            // 'mailtrace user add --store opensearch:...' reaches both servers, while they run.
            Process add = cli(tmp.resolve("user.out"), Map.of("MAILTRACE_PASSWORD", CAROL_PASSWORD),
                    "user", "add", "--store", store(), "carol", "--role", "View-Only");
            assertThat(add.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(add.exitValue()).as(Files.readString(tmp.resolve("user.out"))).isZero();
            for (String url : List.of(urlA, urlB)) {
                assertThat(call("GET", url + "/api/v1/session", basic("carol", CAROL_PASSWORD), null, null, 200)
                        .path("role").asText()).isEqualTo("View-Only");
            }
            Process list = cli(tmp.resolve("list.out"), Map.of(), "user", "list", "--store", store());
            assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(tmp.resolve("list.out"))).contains("admin").contains("alice").contains("carol");

            // The audit log read on either server holds what both did.
            for (String url : List.of(urlA, urlB)) {
                JsonNode entries = call("GET", url + "/api/v1/audit?limit=500", admin, null, null, 200).path("entries");
                List<String> seen = new ArrayList<>();
                entries.forEach(e -> seen.add(e.path("action").asText() + " " + e.path("user").asText()));
                assertThat(seen).as(url).contains("user-create admin", "token-create alice", "search alice", "sign-in alice",
                        "sign-out alice", "user-update admin");
                List<Long> seqs = new ArrayList<>();
                entries.forEach(e -> seqs.add(e.path("seq").asLong()));
                assertThat(seqs).as("newest first, unique").isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
            }
        } finally {
            for (Process p : servers) {
                p.destroy(); // SIGTERM
            }
        }
        for (Path out : List.of(outA, outB)) {
            Process p = out.equals(outA) ? a : b;
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(out)).isZero();
            Matcher reports = REPORTS.matcher(Files.readString(out));
            assertThat(reports.find()).as(Files.readString(out)).isTrue();
            assertThat(Path.of(reports.group(1))).as("the server's report directory is removed at stop").doesNotExist();
        }
    }

    private Process serve(Path out) throws Exception {
        return cli(out, Map.of("MAILTRACE_ADMIN_PASSWORD", ADMIN_PASSWORD), "serve", "--store", store(), "--listen", "127.0.0.1:0");
    }

    private Process cli(Path out, Map<String, String> env, String... args) throws Exception {
        return ChildCli.startOnSharedStore(tmp, out, prefix, env, args);
    }

    private JsonNode call(String method, String url, String auth, String cookie, String body, int expected) throws Exception {
        HttpResponse<String> r = send(method, url, auth, cookie, body);
        assertThat(r.statusCode()).as(method + " " + url + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String url, String auth, String cookie, String body) throws Exception {
        return send(method, url, auth, cookie, body, Map.of());
    }

    private HttpResponse<String> send(String method, String url, String auth, String cookie, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode saved) {
        List<String> ids = new ArrayList<>();
        saved.path("queries").forEach(q -> ids.add(q.path("id").asText()));
        return ids;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
