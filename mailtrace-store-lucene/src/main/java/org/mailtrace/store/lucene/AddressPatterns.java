package org.mailtrace.store.lucene;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.mailtrace.model.MailAddress;

/**
 * User address patterns ({@code *} as the only wildcard, case-insensitive, compared with addresses
 * as {@link MailAddress#normalize} indexes them) as the cheapest query that answers them: an exact address or
 * {@code *@domain} (the common help-desk searches) become term queries, {@code alice@*} a prefix
 * query, anything else a wildcard query.
 */
final class AddressPatterns {
    private AddressPatterns() {
    }

    /**
     * The query for one pattern.
     *
     * @param addressField the field holding normalised addresses
     * @param domainField  the field holding their domains
     */
    static Query query(String pattern, String addressField, String domainField) {
        String p = MailAddress.normalize(pattern);
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
