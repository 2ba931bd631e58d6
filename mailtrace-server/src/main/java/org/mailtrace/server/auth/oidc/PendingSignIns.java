package org.mailtrace.server.auth.oidc;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-ins sent to the provider and not yet back, by their {@code state}. Kept here, not in the
 * session: the session cookie is SameSite=Strict, so the browser does not send it on the provider's
 * redirect back. Each entry is used at most once and lives {@link #TTL}. The map is bounded (the
 * start endpoint needs no sign-in): at most {@link #PER_CLIENT} per client address and
 * {@link #MAX} in all, the oldest giving way.
 */
public final class PendingSignIns {
    static final Duration TTL = Duration.ofMinutes(10);
    static final int PER_CLIENT = 20;
    static final int MAX = 10_000;

    private final Clock clock;
    private final Map<String, Pending> byState = new LinkedHashMap<>();

    public PendingSignIns(Clock clock) {
        this.clock = clock;
    }

    /**
     * One started sign-in.
     *
     * @param state        returned by the provider unchanged; also in the browser's flow cookie
     * @param nonce        must come back inside the ID token
     * @param codeVerifier PKCE secret; only its S256 hash goes to the browser
     * @param next         console path to open after signing in
     * @param client       the client address that started it
     * @param expires      after this the entry is void
     */
    public record Pending(String state, String nonce, String codeVerifier, String next, String client, Instant expires) {
    }

    /** Starts a sign-in with fresh random state, nonce and PKCE verifier. */
    public synchronized Pending begin(String next, String client) {
        Instant now = clock.instant();
        purge(now, client);
        Pending p = new Pending(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue(), next, client,
                now.plus(TTL));
        byState.put(p.state(), p);
        return p;
    }

    /** The sign-in of this state, removed so it cannot be replayed; empty when unknown or expired. */
    public synchronized Optional<Pending> take(String state) {
        Pending p = state == null ? null : byState.remove(state);
        if (p == null || !p.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** How long a started sign-in may take. */
    public static Duration ttl() {
        return TTL;
    }

    synchronized int size() {
        return byState.size();
    }

    /** Drops expired entries, then the oldest of this client beyond its share, then the oldest overall. */
    private void purge(Instant now, String client) {
        int mine = 0;
        for (Iterator<Pending> it = byState.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!p.expires().isAfter(now)) {
                it.remove();
            } else if (p.client().equals(client)) {
                mine++;
            }
        }
        for (Iterator<Pending> it = byState.values().iterator(); it.hasNext() && mine >= PER_CLIENT; ) {
            if (it.next().client().equals(client)) {
                it.remove();
                mine--;
            }
        }
        for (Iterator<Pending> it = byState.values().iterator(); it.hasNext() && byState.size() >= MAX; ) {
            it.next();
            it.remove();
        }
    }
}
