package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A mailtrace server wired to a real OIDC provider (mock-oauth2-server: discovery, JWKS,
 * authorization and token endpoints on a loopback port), and a browser's steps through the code
 * flow done by hand with the JDK client, so a test can tamper with any step.
 */
final class OidcFlow implements AutoCloseable {
    static final String ISSUER_ID = "idp";
    static final String CLIENT_ID = "mailtrace";

    final MockOAuth2Server idp = new MockOAuth2Server();
    final ApiFixture api;
    final String base;

    OidcFlow(Map<String, List<String>> extra) {
        idp.start(InetAddress.getLoopbackAddress(), 0);
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        Map<String, List<String>> cfg = new LinkedHashMap<>();
        cfg.put("rate-limit", List.of("0"));
        cfg.put("sign-in-limit", List.of("1000"));
        cfg.put("listen", List.of("127.0.0.1:" + port));
        cfg.put("public-url", List.of(base));
        cfg.put("oidc-issuer", List.of(idp.issuerUrl(ISSUER_ID).toString()));
        cfg.put("oidc-client-id", List.of(CLIENT_ID));
        cfg.put("oidc-client-secret", List.of("client-secret-for-tests"));
        cfg.put("oidc-provider-name", List.of("Test IdP"));
        cfg.putAll(extra);
        api = new ApiFixture(cfg);
    }

    /** The ID token the provider issues next: this subject, audience, claims and lifetime. */
    void nextToken(String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, claims, expirySeconds));
    }

    void nextToken(Map<String, Object> claims) {
        nextToken("sub-" + claims.hashCode(), List.of(CLIENT_ID), claims, 300);
    }

    /** Step 1: the sign-in button. Answers the provider's authorization URL and the flow cookie. */
    Started start(String next) {
        HttpResponse<String> r = get(URI.create(base + OidcRoutes.START + (next == null ? "" : "?next=" + next)), Map.of("Accept", "text/html"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(OidcRoutes.FLOW_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax");
        return new Started(URI.create(r.headers().firstValue("Location").orElseThrow()), setCookie.substring(0, setCookie.indexOf(';')));
    }

    record Started(URI authorize, String cookie) {
    }

    /** Step 2: the provider signs the user in (no login form) and answers the redirect back to mailtrace. */
    URI authorize(URI authorize) {
        HttpResponse<String> r = get(authorize, Map.of("Accept", "text/html"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    /** Step 3: back at mailtrace with the code; {@code html} picks the browser's or a script's Accept header. */
    HttpResponse<String> callback(URI callback, String cookie, boolean html) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", html ? "text/html" : "application/json");
        if (cookie != null) {
            h.put("Cookie", cookie);
        }
        return get(callback, h);
    }

    /** All three steps untouched; answers the session cookie ({@code mailtrace_session=...}). */
    String signIn(Map<String, Object> claims) {
        nextToken(claims);
        Started s = start(null);
        HttpResponse<String> r = callback(authorize(s.authorize()), s.cookie(), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return sessionCookie(r);
    }

    static String sessionCookie(HttpResponse<String> r) {
        String c = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("mailtrace_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
        assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return c.substring(0, c.indexOf(';'));
    }

    HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        try {
            return api.http.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        idp.shutdown();
    }
}
