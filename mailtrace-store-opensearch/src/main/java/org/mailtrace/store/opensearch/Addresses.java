package org.mailtrace.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import org.mailtrace.model.MailAddress;

/**
 * User address patterns, compared with addresses as the trace indices hold them
 * ({@link MailAddress#normalize}), ({@code *} the only wildcard,
 * case-insensitive) as the cheapest query that answers them: exact and {@code *@domain} patterns
 * become term queries, {@code alice@*} a prefix query, anything else a wildcard query.
 */
final class Addresses {
    private Addresses() {
    }

    /** The query for one pattern on an address field and its domain field. */
    static JsonNode query(String pattern, String addressField, String domainField) {
        String p = MailAddress.normalize(pattern);
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
