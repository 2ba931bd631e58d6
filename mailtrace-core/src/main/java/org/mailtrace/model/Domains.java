package org.mailtrace.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The domain scope rule, which decides what a domain-scoped user may see: a scope domain covers
 * itself and every subdomain of it ({@code example.org} covers {@code mx.example.org}, not
 * {@code badexample.org} nor {@code example.org.}). The server checks it with {@link #covers};
 * the stores answer it with terms instead: each row is indexed under {@link #suffixes} of its
 * addresses' domains, and a scoped search asks for any of {@link #scopeTerms}. The two agree:
 * {@code covers(s, d)} exactly when {@code normalize(s)} is one of {@code suffixes(d)}.
 */
public final class Domains {
    private Domains() {
    }

    /**
     * A scope domain as people write it ({@code Example.org}, {@code @example.org},
     * {@code .example.org}): trimmed, lower-cased, without leading {@code @} and dots. Not
     * validated; the server rejects non-DNS names when an account is saved.
     */
    public static String normalize(String domain) {
        String d = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith("@") || d.startsWith(".")) {
            d = d.substring(1);
        }
        return d;
    }

    /**
     * True when {@code domain} is {@code scopeDomain} or one of its subdomains; both in normal form
     * (lower case, as {@link #normalize} and {@link MailAddress#domainOf} give them). An empty or
     * null scope domain covers nothing; a null domain (an address without one) is never covered.
     */
    public static boolean covers(String scopeDomain, String domain) {
        if (scopeDomain == null || scopeDomain.isEmpty() || domain == null) {
            return false;
        }
        return domain.equals(scopeDomain) || domain.endsWith("." + scopeDomain);
    }

    /**
     * The domain and each parent domain, the terms a row is indexed under so that a search for
     * any scope domain covering it finds it: {@code a.b.org} gives a.b.org, b.org, org. Empty for
     * null or "".
     */
    public static List<String> suffixes(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain == null ? "" : domain;
        while (!d.isEmpty()) {
            out.add(d);
            int dot = d.indexOf('.');
            d = dot < 0 ? "" : d.substring(dot + 1);
        }
        return out;
    }

    /**
     * The terms a scoped search looks for among the indexed {@link #suffixes}: the scope domains
     * {@linkplain #normalize normalised}, sorted, each once (a domain that normalises to "" stays
     * as "", which no row is indexed under, so it still matches nothing).
     */
    public static List<String> scopeTerms(Collection<String> scopeDomains) {
        return scopeDomains.stream().map(Domains::normalize).distinct().sorted().toList();
    }
}
