package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.json.TraceJson;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.User;

/**
 * OIDC sign-in against a real provider over real HTTP, with accounts that exist locally (the
 * default: no role claim). Every refused variant is a real token from the provider, or a real
 * browser step tampered with.
 */
class OidcSignInTest {
    static OidcFlow flow;

    @BeforeAll
    static void start() {
        flow = new OidcFlow(Map.of());
        flow.api.users.create(new User("carol", Role.HelpDesk, Set.of("remote.test"), null, List.of(), Instant.now()));
    }

    @AfterAll
    static void stop() {
        flow.close();
    }

    @Test
    void codeFlowWithPkceSignsInTheLocalAccountAndTheSessionWorksLikeAPasswordOne() throws Exception {
        JsonNode methods = flow.api.http.get("/api/v1/session/methods", null).json();
        assertThat(methods.get("password").asBoolean()).isTrue();
        assertThat(methods.get("oidc").get("name").asText()).isEqualTo("Test IdP");

        flow.nextToken("carol-sub", List.of(OidcFlow.CLIENT_ID), Map.of("preferred_username", "Carol"), 300);
        OidcFlow.Started s = flow.start("/console/search%3Fstatus%3DFailed");
        String query = s.authorize().getRawQuery();
        assertThat(query).contains("code_challenge_method=S256").contains("code_challenge=").contains("nonce=").contains("state=")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(flow.base + "/api/v1/session/oidc/callback", "UTF-8"))
                .doesNotContain("code_verifier");
        HttpResponse<String> back = flow.callback(flow.authorize(s.authorize()), s.cookie(), true);
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/console/search?status=Failed");
        String cookie = OidcFlow.sessionCookie(back);

        HttpApi.Answer me = flow.api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asText()).isEqualTo("carol");
        assertThat(me.json().get("role").asText()).isEqualTo("Help Desk");
        assertThat(me.json().get("domains").toString()).isEqualTo("[\"remote.test\"]");
        assertThat(flow.api.http.send("GET", "/api/v1/traces?limit=5", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
        String csrf = me.json().get("csrfToken").asText();
        assertThat(flow.api.http.send("DELETE", "/api/v1/session", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(403);
        assertThat(flow.api.http.send("DELETE", "/api/v1/session", null, null, Map.of("Cookie", cookie, "X-CSRF-Token", csrf)).status()).isEqualTo(204);

        AuditEntry signIn = lastAudit("sign-in");
        assertThat(signIn.user()).isEqualTo("carol");
        assertThat(signIn.outcome()).isEqualTo(AuditEntry.OK);
        assertThat(signIn.auth()).isEqualTo("oidc");
        assertThat(signIn.filter()).containsEntry("method", "oidc").containsEntry("sub", "carol-sub")
                .containsEntry("issuer", flow.idp.issuerUrl(OidcFlow.ISSUER_ID).toString());
    }

    @Test
    void aScriptFollowingTheFlowGetsTheSessionAsJson() {
        flow.nextToken(Map.of("preferred_username", "carol"));
        OidcFlow.Started s = flow.start(null);
        HttpResponse<String> back = flow.callback(flow.authorize(s.authorize()), s.cookie(), false);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        JsonNode session = json(back);
        assertThat(session.get("name").asText()).isEqualTo("carol");
        assertThat(session.get("csrfToken").asText()).hasSizeGreaterThan(30);
    }

    @Test
    void wrongOrMissingStateOrCookieIsRefusedAndAStateWorksOnlyOnce() {
        flow.nextToken(Map.of("preferred_username", "carol"));
        OidcFlow.Started s = flow.start(null);
        URI back = flow.authorize(s.authorize());
        URI forged = URI.create(back.toString().replaceAll("state=[^&]+", "state=forged"));
        assertRefused(flow.callback(forged, s.cookie(), false), 400, "oidc_state");
        assertRefused(flow.callback(back, null, false), 400, "oidc_state");
        assertRefused(flow.callback(back, OidcRoutes.FLOW_COOKIE + "=someone-elses-state", false), 400, "oidc_state");
        // The forged attempts above did not consume the real state; the genuine answer still works, once.
        assertThat(flow.callback(back, s.cookie(), false).statusCode()).isEqualTo(200);
        assertRefused(flow.callback(back, s.cookie(), false), 400, "oidc_state");
    }

    @Test
    void aNonceOtherThanOursIsRefused() {
        flow.nextToken(Map.of("preferred_username", "carol"));
        OidcFlow.Started s = flow.start(null);
        URI swapped = URI.create(s.authorize().toString().replaceAll("nonce=[^&]+", "nonce=attackers-nonce"));
        HttpResponse<String> r = flow.callback(flow.authorize(swapped), s.cookie(), false);
        assertRefused(r, 401, "oidc_token");
        assertThat(json(r).get("detail").asText()).containsIgnoringCase("nonce");
    }

    @Test
    void aTokenForAnotherClientIsRefused() {
        // The provider puts the requesting client in aud; a claim of the same name overrides it.
        flow.nextToken(Map.of("preferred_username", "carol", "aud", List.of("some-other-app")));
        HttpResponse<String> r = runFlow(false);
        assertRefused(r, 401, "oidc_token");
        assertThat(json(r).get("detail").asText()).containsIgnoringCase("audience");
    }

    @Test
    void anExpiredTokenIsRefused() {
        flow.nextToken("carol-sub", List.of(OidcFlow.CLIENT_ID), Map.of("preferred_username", "carol"), -600);
        HttpResponse<String> r = runFlow(false);
        assertRefused(r, 401, "oidc_token");
        assertThat(json(r).get("detail").asText()).containsIgnoringCase("expired");
    }

    @Test
    void anUnknownUserIsRefusedWithWhatToDoAndAuditedByName() {
        flow.nextToken(Map.of("preferred_username", "mallory"));
        HttpResponse<String> r = runFlow(false);
        assertRefused(r, 403, "oidc_unknown_user");
        assertThat(json(r).get("detail").asText()).contains("mallory").contains("mailtrace user add");
        AuditEntry e = lastAudit("sign-in");
        assertThat(e.user()).isEqualTo("mallory");
        assertThat(e.outcome()).isEqualTo(AuditEntry.FAILED);
        assertThat(e.filter()).containsEntry("reason", "oidc-unknown-user").containsEntry("method", "oidc");
        assertThat(flow.api.users.find("mallory")).isEmpty();
    }

    @Test
    void aBrowserIsSentBackToTheSignInPageWithTheReason() {
        flow.nextToken(Map.of("preferred_username", "mallory"));
        HttpResponse<String> r = runFlow(true);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/signin?oidc-error=oidc-unknown-user");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mailtrace_session="));
    }

    @Test
    void theEmailClaimNamesTheUserWhenThereIsNoPreferredUsernameUnlessUnverified() {
        flow.nextToken(Map.of("email", "carol", "email_verified", true));
        HttpResponse<String> ok = runFlow(false);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("name").asText()).isEqualTo("carol");
        flow.nextToken(Map.of("email", "carol", "email_verified", false));
        assertRefused(runFlow(false), 403, "oidc_name");
    }

    @Test
    void anAccountWithAPasswordCannotBeEnteredThroughTheProviderEvenUnderItsName() {
        flow.nextToken(Map.of("preferred_username", "admin"));
        HttpResponse<String> r = runFlow(false);
        assertRefused(r, 403, "oidc_password_account");
        assertThat(json(r).get("detail").asText()).contains("--oidc-only");
        assertThat(lastAudit("sign-in").filter()).containsEntry("reason", "oidc-password-account");
    }

    @Test
    void anOidcOnlyAccountCannotSignInWithAPassword() {
        HttpApi.Answer a = flow.api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"carol\",\"password\":\"" + ApiFixture.PASSWORD + "\"}", Map.of());
        assertThat(a.status()).isEqualTo(401);
        assertThat(flow.api.http.get("/api/v1/session", HttpApi.basic("carol", "")).status()).isEqualTo(401);
    }

    @Test
    void anAdministratorCreatesAnOidcOnlyAccountThroughTheApiAndItCanSignIn() {
        String admin = HttpApi.bearer(flow.api.token("admin"));
        HttpApi.Answer both = flow.api.http.send("POST", "/api/v1/users", admin,
                "{\"name\":\"gina\",\"role\":\"View-Only\",\"password\":\"a long enough password\",\"oidcOnly\":true}", Map.of());
        assertThat(both.status()).isEqualTo(400);
        HttpApi.Answer made = flow.api.http.send("POST", "/api/v1/users", admin,
                "{\"name\":\"gina\",\"role\":\"View-Only\",\"oidcOnly\":true}", Map.of());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(flow.api.users.find("gina").orElseThrow().passwordHash()).isNull();
        String cookie = flow.signIn(Map.of("preferred_username", "gina"));
        assertThat(flow.api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie)).json().get("role").asText())
                .isEqualTo("View-Only");
    }

    @Test
    void signInToTheProviderDeniedIsRefusedWithTheProvidersReason() {
        OidcFlow.Started s = flow.start(null);
        String state = s.authorize().getRawQuery().replaceAll(".*state=([^&]+).*", "$1");
        URI denied = URI.create(flow.base + "/api/v1/session/oidc/callback?error=access_denied&state=" + state);
        HttpResponse<String> r = flow.callback(denied, s.cookie(), false);
        assertRefused(r, 401, "oidc_provider_error");
        assertThat(json(r).get("detail").asText()).contains("access_denied");
    }

    @Test
    void theStartOnlyRedirectsToConsolePaths() {
        assertThat(OidcRoutes.safeNext("/console/detail/abc?x=1")).isEqualTo("/console/detail/abc?x=1");
        assertThat(OidcRoutes.safeNext("https://evil.example/")).isEqualTo("/console/trace");
        assertThat(OidcRoutes.safeNext("/console//evil.example")).isEqualTo("/console/trace");
        assertThat(OidcRoutes.safeNext("/console/signin")).isEqualTo("/console/trace");
        assertThat(OidcRoutes.safeNext(null)).isEqualTo("/console/trace");
    }

    private static HttpResponse<String> runFlow(boolean html) {
        OidcFlow.Started s = flow.start(null);
        return flow.callback(flow.authorize(s.authorize()), s.cookie(), html);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mailtrace_session="));
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return TraceJson.mapper().readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static AuditEntry lastAudit(String action) {
        return flow.api.audit.read(e -> e.action().equals(action), 0, 1).get(0);
    }
}
