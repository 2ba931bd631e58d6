package org.mailtrace.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Address normalisation for the index and translation of user address patterns ({@code *} as the
 * only wildcard, case-insensitive) into the cheapest query that answers them: an exact address or
 * {@code *@domain} (the common help-desk searches) become term queries, {@code alice@*} a prefix
 * query, anything else a wildcard query.
 */
final class AddressPatterns {
    private AddressPatterns() {
    }

    /** The indexed form of an address: trimmed, without angle brackets, lowercased; "" for the null sender. */
    static String normalize(String address) {
        if (address == null) {
            return "";
        }
        String a = address.trim();
        if (a.length() >= 2 && a.charAt(0) == '<' && a.charAt(a.length() - 1) == '>') {
            a = a.substring(1, a.length() - 1).trim();
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** The lowercased part after the last {@code @}, or "" when there is none. */
    static String domainOf(String normalizedAddress) {
        int at = normalizedAddress.lastIndexOf('@');
        return at < 0 ? "" : normalizedAddress.substring(at + 1);
    }

    /** The domain and each parent domain: {@code a.b.org} gives a.b.org, b.org, org. */
    static List<String> domainSuffixes(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain;
        while (!d.isEmpty()) {
            out.add(d);
            int dot = d.indexOf('.');
            d = dot < 0 ? "" : d.substring(dot + 1);
        }
        return out;
    }

    /** A scope domain as the user wrote it ({@code example.org}, {@code @example.org}, {@code .example.org}). */
    static String normalizeDomain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith("@") || d.startsWith(".")) {
            d = d.substring(1);
        }
        return d;
    }

    /**
     * The query for one pattern.
     *
     * @param addressField the field holding normalised addresses
     * @param domainField  the field holding their domains
     */
    static Query query(String pattern, String addressField, String domainField) {
        String p = normalize(pattern);
        int star = p.indexOf('*');
        if (star < 0) {
            return new TermQuery(new Term(addressField, p));
        }
        if (p.startsWith("*@") && p.indexOf('*', 1) < 0) {
            return new TermQuery(new Term(domainField, p.substring(2)));
        }
        if (star == p.length() - 1) {
            return new PrefixQuery(new Term(addressField, p.substring(0, star)));
        }
        return new WildcardQuery(new Term(addressField, toWildcard(p)));
    }

    /** Keeps {@code *} as the wildcard and makes Lucene's other wildcard characters literal. */
    static String toWildcard(String userText) {
        StringBuilder sb = new StringBuilder(userText.length() + 8);
        for (int i = 0; i < userText.length(); i++) {
            char c = userText.charAt(i);
            if (c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Escapes every Lucene wildcard character, {@code *} included, for literal user text. */
    static String escapeAll(String userText) {
        StringBuilder sb = new StringBuilder(userText.length() + 8);
        for (int i = 0; i < userText.length(); i++) {
            char c = userText.charAt(i);
            if (c == '?' || c == '\\' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
