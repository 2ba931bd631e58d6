package org.mailtrace.server.auth.oidc;

/**
 * Why an OIDC sign-in did not happen. {@code reason} is a short stable code: it goes to the audit
 * log and the failure metric, and the console turns it into a sentence (it never shows text taken
 * from the URL, so a crafted link cannot put words on the sign-in page).
 *
 * @see #reason()
 */
public final class OidcRefusal extends RuntimeException {
    /** The browser came back without a matching sign-in started here (state, cookie, expiry). */
    public static final String STATE = "oidc-state";
    /** The provider answered with an error (the user cancelled, consent refused...). */
    public static final String PROVIDER_ERROR = "oidc-provider-error";
    /** The token request failed or the ID token failed a check (signature, iss, aud, exp, nonce). */
    public static final String TOKEN = "oidc-token";
    /** The provider could not be reached or its discovery document is unusable. */
    public static final String UNAVAILABLE = "oidc-unavailable";
    /** No usable user name in the configured claims. */
    public static final String NAME = "oidc-name";
    /** No local account of that name, and none may be created. */
    public static final String UNKNOWN_USER = "oidc-unknown-user";
    /** The role claim maps to no mailtrace role. */
    public static final String NO_ROLE = "oidc-no-role";
    /** The account of that name has a password: OIDC may only enter OIDC-only accounts. */
    public static final String PASSWORD_ACCOUNT = "oidc-password-account";

    private final String reason;
    private final int status;

    public OidcRefusal(String reason, int status, String detail) {
        super(detail);
        this.reason = reason;
        this.status = status;
    }

    public OidcRefusal(String reason, int status, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.status = status;
    }

    /** The state in the URL and the flow cookie do not belong together. */
    static OidcRefusal notThisBrowser() {
        return notThisBrowser("state and cookie differ");
    }

    /** The same, saying which check failed ({@code which}: a few words, never text from the request). */
    static OidcRefusal notThisBrowser(String which) {
        return new OidcRefusal(STATE, 400, "this sign-in was not started in this browser (" + which + "); start it again");
    }

    /** A state and cookie that match, of a sign-in this server does not know, took already, or that expired. */
    static OidcRefusal unknownOrUsed() {
        return new OidcRefusal(STATE, 400, "this sign-in is unknown, used already, or older than "
                + PendingSignIns.TTL.toMinutes() + " minutes; start it again");
    }

    public String reason() {
        return reason;
    }

    /** The HTTP status a JSON client gets: 400 for a broken flow, 401 for a bad token, 403 for no account, 502 for the provider. */
    public int status() {
        return status;
    }
}
