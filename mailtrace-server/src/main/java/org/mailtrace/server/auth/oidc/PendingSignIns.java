package org.mailtrace.server.auth.oidc;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.time.Duration;
import java.time.Instant;

/**
 * Sign-ins sent to the provider and not yet back. Kept apart from the session: the session cookie is
 * SameSite=Strict, so the browser does not send it on the provider's redirect back; what comes back
 * is the {@code state} in the URL and the flow cookie this interface chose at {@link #begin}.
 * Contract, for every implementation: a sign-in is taken only with its own state and cookie, at most
 * {@link #TTL} after it began, and at most once on any one server; what is kept per sign-in is bounded,
 * because the start needs no sign-in. Thread-safe.
 */
public interface PendingSignIns {
    Duration TTL = Duration.ofMinutes(10);

    /**
     * One started sign-in.
     *
     * @param state        returned by the provider unchanged
     * @param nonce        must come back inside the ID token
     * @param codeVerifier PKCE secret; only its S256 hash goes to the browser
     * @param next         console path to open after signing in
     * @param client       the client address that started it
     * @param expires      after this the sign-in is void
     */
    record Pending(String state, String nonce, String codeVerifier, String next, String client, Instant expires) {

        /** A sign-in that starts now, with fresh random state, nonce and PKCE verifier, valid for {@code ttl}. */
        static Pending fresh(String next, String client, Instant now, Duration ttl) {
            return new Pending(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue(), next, client,
                    now.plus(ttl));
        }
    }

    /** A sign-in begun, and the value of the browser's flow cookie that must come back with it. */
    record Started(Pending pending, String cookie) {
    }

    /** Starts a sign-in with fresh random state, nonce and PKCE verifier. */
    Started begin(String next, String client);

    /**
     * The sign-in that {@code state} and the flow {@code cookie} name, which can then not be taken
     * again here.
     *
     * @throws OidcRefusal (400, {@link OidcRefusal#STATE}) when they do not belong together, or the
     *                     sign-in is unknown, used already or expired; the message says to start again
     */
    Pending take(String state, String cookie);

    /** How long a started sign-in may take. */
    static Duration ttl() {
        return TTL;
    }
}
