package org.mailtrace.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.mailtrace.model.Domains;

/**
 * A local account.
 *
 * @param name         sign-in name, lower case
 * @param role         what they may do
 * @param domains      when non-empty, they see only rows whose sender or recipient is in one of these
 *                     domains (or their subdomains); empty means every domain
 * @param passwordHash Argon2id hash in Spring Security's encoded form
 * @param tokens       their API tokens (hashes only)
 * @param created      when the account was created
 */
public record User(String name, Role role, Set<String> domains, String passwordHash, List<ApiToken> tokens,
                   Instant created) {
    public User {
        name = normalizeName(name);
        domains = domains == null ? Set.of() : Set.copyOf(new TreeSet<>(domains.stream().map(User::normalizeDomain).toList()));
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public User withRole(Role r) {
        return new User(name, r, domains, passwordHash, tokens, created);
    }

    public User withDomains(Set<String> d) {
        return new User(name, role, d, passwordHash, tokens, created);
    }

    public User withPasswordHash(String h) {
        return new User(name, role, domains, h, tokens, created);
    }

    public User withTokens(List<ApiToken> t) {
        return new User(name, role, domains, passwordHash, t, created);
    }

    /**
     * A digest of what a console session was granted at sign-in: password hash, role and domains.
     * A session started under another stamp ends at its next request, so changing any of them
     * signs the user out everywhere.
     */
    public String sessionStamp() {
        return Tokens.sha256((passwordHash == null ? "" : passwordHash) + "\n" + role.name() + "\n" + new TreeSet<>(domains));
    }

    /**
     * True when {@code next} may do or see less than this account: a permission lost or a domain
     * scope narrowed. API tokens do not survive such a change.
     */
    public boolean downgradedBy(User next) {
        for (Permission p : Permission.values()) {
            if (role.allows(p) && !next.role().allows(p)) {
                return true;
            }
        }
        return !ScopeDomains.covers(next.domains(), domains);
    }

    /** Names are 1-64 of [a-z0-9._@-], so they are safe in paths, logs and audit lines. */
    public static String normalizeName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!n.matches("[a-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1-64 characters of a-z 0-9 . _ @ -");
        }
        return n;
    }

    /** A domain as scopes store it ({@link Domains#normalize}); only DNS name characters. */
    public static String normalizeDomain(String domain) {
        String d = Domains.normalize(domain);
        if (!d.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*") || d.length() > 253) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name (e.g. example.org)");
        }
        return d;
    }
}
