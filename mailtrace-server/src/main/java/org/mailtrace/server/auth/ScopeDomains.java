package org.mailtrace.server.auth;

import java.util.Locale;
import java.util.Set;

/**
 * The one rule of domain scopes, shared by searches, details, reports, the audit view and account
 * management: an address (or a domain) is within a scope when its domain is one of the scope's
 * domains or a subdomain of one. An empty scope is every domain, so it covers everything and is
 * covered only by another empty scope.
 */
public final class ScopeDomains {
    private ScopeDomains() {
    }

    /**
     * True when the address's domain (or {@code address} itself when it has no {@code @}) is one of
     * {@code domains} or their subdomains; always true for an empty scope, false for null.
     */
    public static boolean contains(Set<String> domains, String address) {
        if (domains.isEmpty()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        String d = (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
        for (String s : domains) {
            if (d.equals(s) || d.endsWith("." + s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when everything {@code inner} lets its holder see is also within {@code outer}: a
     * scoped account may manage, create or mint tokens only for accounts it covers, so it can never
     * hand out more than it has.
     */
    public static boolean covers(Set<String> outer, Set<String> inner) {
        if (outer.isEmpty()) {
            return true;
        }
        if (inner.isEmpty()) {
            return false;
        }
        return inner.stream().allMatch(d -> contains(outer, d));
    }
}
