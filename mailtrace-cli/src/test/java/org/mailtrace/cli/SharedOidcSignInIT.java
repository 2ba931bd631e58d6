package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.store.opensearch.OpenSearchNodeExtension;

/**
 * OIDC sign-in through two {@code serve} processes on one OpenSearch cluster behind a load balancer
 * without sticky sessions: the sign-in begins on one node and the provider's redirect back lands on
 * the other. The flow cookie is sealed with the installation's shared secret, so either node finishes
 * it; a changed cookie, and the same answer sent twice, are refused.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class SharedOidcSignInIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "/api/v1/session/oidc";
    private static final String CALLBACK = "/api/v1/session/oidc/callback";
    private static final String FLOW_COOKIE = "mailtrace_oidc";
    /** What browsers use for mailtrace: the load balancer, never called here (the test plays the balancer). */
    private static final String PUBLIC_URL = "http://mailtrace.example.test";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String prefix = "oidc-" + ProcessHandle.current().pid();

    @Test
    void aSignInBegunOnOneNodeFinishesOnTheOtherOnceAndOnlyWithItsOwnCookie() throws Exception {
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        String store = "opensearch:" + OpenSearchNodeExtension.url();
        Process ingest = ChildCli.startOnSharedStore(tmp, tmp.resolve("ingest.out"), prefix, Map.of(),
                "ingest", "--store", store, IngestAndSearchTest.LOG.toAbsolutePath().toString());
        assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue()).as(Files.readString(tmp.resolve("ingest.out"))).isZero();
        String[] serve = {"serve", "--no-ingest", "--store", store, "--listen", "127.0.0.1:0", "--public-url", PUBLIC_URL,
                "--oidc-issuer", idp.issuerUrl("idp").toString(), "--oidc-client-id", "mailtrace",
                "--oidc-client-secret", "client-secret-for-tests", "--oidc-create-users", "true",
                "--oidc-role-claim", "groups", "--oidc-role-map", "View-Only=staff"};
        Path outA = tmp.resolve("a.out");
        Path outB = tmp.resolve("b.out");
        Map<String, String> env = Map.of("MAILTRACE_ADMIN_PASSWORD", "oidc-admin-password-1");
        Process a = ChildCli.startOnSharedStore(tmp, outA, prefix, env, serve);
        Process b = ChildCli.startOnSharedStore(tmp, outB, prefix, env, serve);
        try {
            String urlA = ChildCli.awaitListening(a, outA);
            String urlB = ChildCli.awaitListening(b, outB);
            idp.enqueueCallback(new DefaultOAuth2TokenCallback("idp", "sub-dave", "JWT", List.of("mailtrace"),
                    Map.of("preferred_username", "dave", "groups", List.of("staff")), 300));

            // The button on A: a redirect to the provider and the sealed flow cookie.
            HttpResponse<String> started = get(URI.create(urlA + START), Map.of("Accept", "text/html"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
            String flow = cookie(started, FLOW_COOKIE);
            HttpResponse<String> authorized = get(URI.create(started.headers().firstValue("Location").orElseThrow()),
                    Map.of("Accept", "text/html"));
            assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
            URI back = URI.create(authorized.headers().firstValue("Location").orElseThrow());
            assertThat(back.toString()).startsWith(PUBLIC_URL + CALLBACK);
            URI toB = URI.create(urlB + CALLBACK + "?" + back.getRawQuery());
            URI toA = URI.create(urlA + CALLBACK + "?" + back.getRawQuery());

            // A changed cookie is refused on B, and does not spend the sign-in.
            int middle = flow.length() / 2;
            String changed = flow.substring(0, middle) + (flow.charAt(middle) == 'A' ? 'B' : 'A') + flow.substring(middle + 1);
            assertRefused(get(toB, Map.of("Accept", "application/json", "Cookie", FLOW_COOKIE + "=" + changed)));

            // The balancer sends the provider's answer to B: signed in there, and the session works on A too.
            HttpResponse<String> done = get(toB, Map.of("Accept", "application/json", "Cookie", FLOW_COOKIE + "=" + flow));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            String session = "mailtrace_session=" + cookie(done, "mailtrace_session");
            assertThat(JSON.readTree(done.body()).path("name").asText()).isEqualTo("dave");
            JsonNode onA = JSON.readTree(get(URI.create(urlA + "/api/v1/session"), Map.of("Cookie", session)).body());
            assertThat(onA.path("name").asText()).isEqualTo("dave");

            // The same answer again: refused by B, which took it, and by A, whose provider call spends a used code.
            assertRefused(get(toB, Map.of("Accept", "application/json", "Cookie", FLOW_COOKIE + "=" + flow)));
            HttpResponse<String> replayedOnA = get(toA, Map.of("Accept", "application/json", "Cookie", FLOW_COOKIE + "=" + flow));
            assertThat(replayedOnA.statusCode()).as(replayedOnA.body()).isBetween(400, 401);
            assertThat(replayedOnA.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mailtrace_session="));
        } finally {
            a.destroy();
            b.destroy();
            a.waitFor(30, TimeUnit.SECONDS);
            b.waitFor(30, TimeUnit.SECONDS);
            idp.shutdown();
        }
    }

    private static void assertRefused(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("oidc_state");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mailtrace_session="));
    }

    private static String cookie(HttpResponse<String> r, String name) {
        String c = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().map()));
        return c.substring(name.length() + 1, c.indexOf(';'));
    }

    private HttpResponse<String> get(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(req::header);
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }
}
