package org.mailtrace.server.auth;

import java.util.Set;
import org.mailtrace.model.Domains;
import org.mailtrace.model.MailAddress;

/**
 * Domain scopes as sets, shared by details, reports, the audit view and account management. The
 * rule for one domain is {@link Domains#covers}, which the stores' searches answer too: an address
 * is within a scope when its domain is one of the scope's domains or a subdomain of one. An empty
 * scope is every domain, so it covers everything and is covered only by another empty scope.
 */
public final class ScopeDomains {
    private ScopeDomains() {
    }

    /**
     * True when the address's domain ({@link MailAddress#domainOf}) is covered by one of
     * {@code domains} ({@link Domains#covers}); always true for an empty scope. An address without
     * a domain (null, {@code <>}, a bare local part) is in no scope, as in the stores' searches.
     */
    public static boolean contains(Set<String> domains, String address) {
        return domains.isEmpty() || coversDomain(domains, MailAddress.domainOf(address));
    }

    private static boolean coversDomain(Set<String> domains, String domain) {
        for (String s : domains) {
            if (Domains.covers(s, domain)) {
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
        return inner.stream().allMatch(d -> coversDomain(outer, d));
    }
}
