package org.mailtrace.server.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link PendingSignIns} of one server, in its memory, by their {@code state}, which is also the flow
 * cookie. Each entry is used at most once. The map is bounded: at most {@link #PER_CLIENT} per client
 * address and {@link #MAX} in all, the oldest giving way.
 */
public final class LocalPendingSignIns implements PendingSignIns {
    static final int PER_CLIENT = 20;
    static final int MAX = 10_000;

    private final Clock clock;
    private final Map<String, Pending> byState = new LinkedHashMap<>();

    public LocalPendingSignIns(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Started begin(String next, String client) {
        Instant now = clock.instant();
        purge(now, client);
        Pending p = Pending.fresh(next, client, now, TTL);
        byState.put(p.state(), p);
        return new Started(p, p.state());
    }

    @Override
    public synchronized Pending take(String state, String cookie) {
        if (state == null || cookie == null
                || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw OidcRefusal.notThisBrowser();
        }
        Pending p = byState.remove(state);
        if (p == null || !p.expires().isAfter(clock.instant())) {
            throw OidcRefusal.unknownOrUsed();
        }
        return p;
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
