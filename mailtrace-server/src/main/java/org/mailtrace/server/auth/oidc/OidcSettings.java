package org.mailtrace.server.auth.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.mailtrace.server.auth.Role;

/**
 * How mailtrace signs people in through an OpenID Connect provider (Keycloak, Authentik, Entra
 * ID, Google...). The provider proves who someone is; mailtrace still decides what they may do,
 * from the local account of the same name and, optionally, from a group claim.
 *
 * @param issuer       the provider's issuer URL; discovery reads {@code <issuer>/.well-known/openid-configuration}
 * @param clientId     mailtrace's client ID at the provider
 * @param clientSecret the client secret, or null for a public client (PKCE alone)
 * @param publicUrl    the URL browsers use to reach mailtrace, without a trailing slash; the
 *                     redirect URI registered at the provider is {@link #redirectUri()}
 * @param scopes       requested scopes, {@code openid} among them
 * @param nameClaims   claims tried in order for the mailtrace user name ({@code preferred_username}, then {@code email})
 * @param providerName shown on the console's sign-in button ("Sign in with Keycloak")
 * @param roleClaim    claim holding group or role names, or null to use the local account's role
 * @param roleMap      group name in {@code roleClaim} -> mailtrace role
 * @param createUsers  create an unknown user (password-less, all domains) when the role claim maps to a role
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, URI publicUrl, List<String> scopes,
                           List<String> nameClaims, String providerName, String roleClaim, Map<String, Role> roleMap,
                           boolean createUsers) {
    /** Where the provider sends the browser back with the code; register exactly this at the provider. */
    public static final String CALLBACK_PATH = "/api/v1/session/oidc/callback";

    public OidcSettings {
        scopes = List.copyOf(scopes);
        nameClaims = List.copyOf(nameClaims);
        roleMap = Map.copyOf(roleMap);
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException("oidc-scopes must contain openid, was " + scopes);
        }
        if (nameClaims.isEmpty()) {
            throw new IllegalArgumentException("oidc-name-claim needs at least one claim name");
        }
        if (createUsers && roleClaim == null) {
            throw new IllegalArgumentException("oidc-create-users needs oidc-role-claim: a created user takes its role from that claim");
        }
        if (roleClaim != null && roleMap.isEmpty()) {
            throw new IllegalArgumentException("oidc-role-claim " + roleClaim + " needs at least one oidc-role-map = ROLE=GROUP");
        }
    }

    public URI redirectUri() {
        return URI.create(publicUrl + CALLBACK_PATH);
    }
}
