package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Addresses as the trace indices hold them (trimmed, without angle brackets, lowercased; the null
 * sender is the empty string) and user address patterns ({@code *} the only wildcard,
 * case-insensitive) as the cheapest query that answers them: exact and {@code *@domain} patterns
 * become term queries, {@code alice@*} a prefix query, anything else a wildcard query.
 */
final class Addresses {
    private Addresses() {
    }

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

    /** The part after the last {@code @} of a normalised address, or "". */
    static String domainOf(String normalized) {
        int at = normalized.lastIndexOf('@');
        return at < 0 ? "" : normalized.substring(at + 1);
    }

    /** {@code a.b.org} -> a.b.org, b.org, org: what a domain scope matches. */
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

    /** A scope domain as written by a user: {@code example.org}, {@code @example.org}, {@code .example.org}. */
    static String normalizeDomain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith("@") || d.startsWith(".")) {
            d = d.substring(1);
        }
        return d;
    }

    /** The query for one pattern on an address field and its domain field. */
    static JsonNode query(String pattern, String addressField, String domainField) {
        String p = normalize(pattern);
        int star = p.indexOf('*');
        if (star < 0) {
            return Json.term(addressField, p);
        }
        if (p.startsWith("*@") && p.indexOf('*', 1) < 0) {
            return Json.term(domainField, p.substring(2));
        }
        if (star == p.length() - 1) {
            return Json.obj("prefix", Json.obj(addressField, Json.obj("value", p.substring(0, star))));
        }
        return Json.wildcard(addressField, keepStar(p));
    }

    /** Keeps {@code *} as the wildcard and makes the query language's {@code ?} and {@code \} literal. */
    static String keepStar(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Makes every wildcard character literal, {@code *} included. */
    static String literal(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '\\' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
