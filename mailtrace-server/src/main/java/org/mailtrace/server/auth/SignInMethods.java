package org.mailtrace.server.auth;

import org.mailtrace.server.auth.oidc.OidcSettings;

/**
 * How people may sign in. API tokens are always accepted: they are how scripts keep working when
 * passwords are turned off in favour of the organisation's identity provider.
 *
 * @param password local passwords, for the console form and HTTP Basic
 * @param oidc     OpenID Connect sign-in, or null when not configured
 */
public record SignInMethods(boolean password, OidcSettings oidc) {
    public SignInMethods {
        if (!password && oidc == null) {
            throw new IllegalArgumentException("password-sign-in = false needs OIDC sign-in (oidc-issuer), or nobody could sign in to the console");
        }
    }

    /** Passwords only: what a server without OIDC settings does. */
    public static SignInMethods passwordsOnly() {
        return new SignInMethods(true, null);
    }
}
