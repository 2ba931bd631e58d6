package org.mailtrace.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.server.auth.JsonFileUserStore;
import org.mailtrace.server.auth.Role;

/** Claims to account: which claim names the user, and how groups become a role. */
class OidcAccountsTest {
    @TempDir
    Path dir;

    private OidcAccounts accounts(String roleClaim, Map<String, Role> map) {
        OidcSettings s = new OidcSettings(URI.create("https://idp.example"), "mailtrace", null, URI.create("https://mt.example"),
                List.of("openid"), List.of("preferred_username", "email"), "IdP", roleClaim, map, false);
        return new OidcAccounts(s, new JsonFileUserStore(dir.resolve("users.json")), Clock.systemUTC());
    }

    private static IDTokenClaimsSet token(Map<String, Object> extra) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer("https://idp.example").subject("s-1").audience("mailtrace")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000));
        extra.forEach(b::claim);
        return new IDTokenClaimsSet(b.build());
    }

    @Test
    void theFirstConfiguredClaimWithAValidNameWinsAndIsLowerCased() throws Exception {
        OidcAccounts a = accounts(null, Map.of());
        assertThat(a.userName(token(Map.of("preferred_username", "Alice.B", "email", "alice@example.org")))).isEqualTo("alice.b");
        assertThat(a.userName(token(Map.of("email", "Alice@Example.org")))).isEqualTo("alice@example.org");
        assertThatThrownBy(() -> a.userName(token(Map.of("preferred_username", "Alice Smith"))))
                .isInstanceOf(OidcRefusal.class).hasMessageContaining("claim preferred_username");
    }

    @Test
    void groupsMayBeAListAStringOrNestedAndTheStrongestRoleWins() throws Exception {
        OidcAccounts a = accounts("realm_access.roles", Map.of("ops", Role.OrganizationManagement, "hd", Role.HelpDesk));
        assertThat(a.mappedRole(token(Map.of("realm_access", Map.of("roles", List.of("hd", "ops")))), "x"))
                .isEqualTo(Role.OrganizationManagement);
        assertThat(OidcAccounts.values(Map.of("groups", "hd"), "groups")).containsExactly("hd");
        assertThat(OidcAccounts.values(Map.of("groups", List.of("a", 3, "b")), "groups")).containsExactly("a", "b");
        assertThat(OidcAccounts.values(Map.of("groups", "hd"), "realm_access.roles")).isEmpty();
        assertThatThrownBy(() -> a.mappedRole(token(Map.of()), "x"))
                .isInstanceOf(OidcRefusal.class)
                .extracting(e -> ((OidcRefusal) e).reason()).isEqualTo(OidcRefusal.NO_ROLE);
    }

    @Test
    void anExistingAccountKeepsItsRoleWhenNoRoleClaimIsConfigured() throws Exception {
        OidcAccounts a = accounts(null, Map.of());
        JsonFileUserStore users = new JsonFileUserStore(dir.resolve("users.json"));
        users.create(new org.mailtrace.server.auth.User("bob", Role.ViewOnly, java.util.Set.of(), null, List.of(), java.time.Instant.now()));
        OidcAccounts.Account acc = a.resolve("bob", token(Map.of("groups", List.of("ops"))));
        assertThat(acc.user().role()).isEqualTo(Role.ViewOnly);
        assertThat(acc.created()).isFalse();
        assertThat(acc.previousRole()).isNull();
        assertThat(Files.readString(dir.resolve("users.json"))).contains("\"bob\"");
    }
}
