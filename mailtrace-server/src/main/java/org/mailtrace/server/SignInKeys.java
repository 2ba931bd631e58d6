package org.mailtrace.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.SignInMethods;
import org.mailtrace.server.auth.oidc.OidcSettings;

/**
 * Reads the sign-in keys ({@code password-sign-in}, {@code public-url}, {@code oidc-*}) of
 * {@link ServerConfig}. OIDC is on exactly when {@code oidc-issuer} is given; then the client ID and
 * public URL are required, and every other {@code oidc-*} key has a default or is optional.
 */
final class SignInKeys {
    private SignInKeys() {
    }

    static SignInMethods parse(ServerConfig.Values v) {
        boolean password = v.bool("password-sign-in");
        String issuer = blankToNull(v.one("oidc-issuer"));
        if (issuer == null) {
            for (String key : List.of("oidc-client-id", "oidc-client-secret", "oidc-role-claim", "oidc-provider-name")) {
                if (v.given().containsKey(key)) {
                    throw new IllegalArgumentException(key + " is set but oidc-issuer is not; give the provider's issuer URL or remove " + key);
                }
            }
            return new SignInMethods(password, null);
        }
        URI issuerUri = httpUrl("oidc-issuer", issuer);
        String clientId = blankToNull(v.one("oidc-client-id"));
        if (clientId == null) {
            throw new IllegalArgumentException("oidc-issuer needs oidc-client-id: the client ID registered for mailtrace at " + issuer);
        }
        String publicUrl = blankToNull(v.one("public-url"));
        if (publicUrl == null) {
            throw new IllegalArgumentException("oidc-issuer needs public-url: the URL browsers use for mailtrace (e.g. https://mailtrace.example.org);"
                    + " the provider redirects to public-url + " + OidcSettings.CALLBACK_PATH);
        }
        URI publicUri = httpUrl("public-url", publicUrl.replaceAll("/+$", ""));
        String roleClaim = blankToNull(v.one("oidc-role-claim"));
        String name = blankToNull(v.one("oidc-provider-name"));
        OidcSettings oidc = new OidcSettings(issuerUri, clientId, blankToNull(v.one("oidc-client-secret")), publicUri,
                words(v.one("oidc-scopes")), words(v.one("oidc-name-claim")), name == null ? issuerUri.getHost() : name,
                roleClaim, roleMap(v.all("oidc-role-map")), v.bool("oidc-create-users"));
        return new SignInMethods(password, oidc);
    }

    /** {@code Help Desk=mail-helpdesk}: the role's name (as {@code mailtrace user add --role} takes it), then the group. */
    private static Map<String, Role> roleMap(List<String> entries) {
        Map<String, Role> map = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("oidc-role-map must be ROLE=GROUP (e.g. 'Help Desk=mail-helpdesk'), was '" + e + "'");
            }
            Role role = Role.parse(e.substring(0, eq).trim());
            String group = e.substring(eq + 1).trim();
            Role before = map.put(group, role);
            if (before != null && before != role) {
                throw new IllegalArgumentException("oidc-role-map maps the group '" + group + "' to both " + before.displayName()
                        + " and " + role.displayName());
            }
        }
        return map;
    }

    private static URI httpUrl(String key, String text) {
        try {
            URI u = new URI(text);
            if (u.getHost() == null || !("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))) {
                throw new IllegalArgumentException(key + " must be an http(s) URL with a host, was '" + text + "'");
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                throw new IllegalArgumentException(key + " must not have a query or fragment, was '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + e.getMessage());
        }
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
