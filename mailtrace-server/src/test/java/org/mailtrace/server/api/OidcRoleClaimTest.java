package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.server.audit.AuditEntry;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.User;

/**
 * OIDC with the role taken from the provider's {@code groups} claim, users created on first
 * sign-in, and password sign-in turned off: the set-up of a shop whose identity provider is the
 * single source of who may do what.
 */
class OidcRoleClaimTest {
    static OidcFlow flow;

    @BeforeAll
    static void start() {
        flow = new OidcFlow(Map.of(
                "oidc-role-claim", List.of("groups"),
                "oidc-role-map", List.of("Compliance Management=mail-compliance", "Help Desk=mail-helpdesk", "View-Only=staff"),
                "oidc-create-users", List.of("true"),
                "password-sign-in", List.of("false")));
        flow.api.users.create(new User("dave", Role.ViewOnly, Set.of("example.test"), null, List.of(), Instant.now()));
    }

    @AfterAll
    static void stop() {
        flow.close();
    }

    @Test
    void theStrongestMappedGroupSetsTheRoleOfAnExistingAccountAndKeepsItsDomains() {
        String cookie = flow.signIn(Map.of("preferred_username", "dave", "groups", List.of("staff", "mail-compliance", "unrelated")));
        JsonNode me = flow.api.http.send("GET", "/api/v1/session", null, null, Map.of("Cookie", cookie)).json();
        assertThat(me.get("role").asText()).isEqualTo("Compliance Management");
        assertThat(me.get("domains").toString()).isEqualTo("[\"example.test\"]");
        assertThat(flow.api.users.find("dave").orElseThrow().role()).isEqualTo(Role.ComplianceManagement);
        AuditEntry update = flow.api.audit.read(e -> e.action().equals("user-update"), 0, 1).get(0);
        assertThat(update.target()).isEqualTo("dave");
        assertThat(update.filter()).containsEntry("role", "Compliance Management").containsEntry("was", "View-Only")
                .containsEntry("via", "oidc");
        assertThat(flow.api.http.send("GET", "/api/v1/audit?limit=1", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserWithAMappedGroupIsCreatedWithThatRoleAndNoPassword() {
        String cookie = flow.signIn(Map.of("preferred_username", "erin", "groups", List.of("mail-helpdesk")));
        User erin = flow.api.users.find("erin").orElseThrow();
        assertThat(erin.role()).isEqualTo(Role.HelpDesk);
        assertThat(erin.passwordHash()).isNull();
        assertThat(flow.api.http.send("GET", "/api/v1/traces?limit=1", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
        assertThat(flow.api.http.send("GET", "/api/v1/audit", null, null, Map.of("Cookie", cookie)).status()).isEqualTo(403);
        AuditEntry created = flow.api.audit.read(e -> e.action().equals("user-create") && "erin".equals(e.target()), 0, 1).get(0);
        assertThat(created.filter()).containsEntry("role", "Help Desk").containsEntry("via", "oidc");
    }

    @Test
    void noMappedGroupMeansNoSignInAndNoAccount() {
        flow.nextToken(Map.of("preferred_username", "frank", "groups", List.of("marketing")));
        OidcFlow.Started s = flow.start(null);
        HttpResponse<String> r = flow.callback(flow.authorize(s.authorize()), s.cookie(), false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("oidc_no_role").contains("marketing");
        assertThat(flow.api.users.find("frank")).isEmpty();
        AuditEntry e = flow.api.audit.read(a -> a.action().equals("sign-in"), 0, 1).get(0);
        assertThat(e.user()).isEqualTo("frank");
        assertThat(e.filter()).containsEntry("reason", "oidc-no-role");
    }

    @Test
    void withPasswordsOffTheFormAndBasicAreRefusedButTokensWork() {
        JsonNode methods = flow.api.http.get("/api/v1/session/methods", null).json();
        assertThat(methods.get("password").asBoolean()).isFalse();
        HttpApi.Answer form = flow.api.http.send("POST", "/api/v1/session", null,
                "{\"name\":\"admin\",\"password\":\"" + ApiFixture.PASSWORD + "\"}", Map.of());
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.json().get("error").asText()).isEqualTo("password_sign_in_off");
        assertThat(form.json().get("detail").asText()).contains("Test IdP");
        assertThat(flow.api.http.get("/api/v1/traces?limit=1", HttpApi.basic("admin", ApiFixture.PASSWORD)).status()).isEqualTo(403);
        assertThat(flow.api.http.get("/api/v1/traces?limit=1", HttpApi.bearer(flow.api.token("admin"))).status()).isEqualTo(200);
    }
}
