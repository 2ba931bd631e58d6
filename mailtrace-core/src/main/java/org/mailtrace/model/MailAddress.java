package org.mailtrace.model;

import java.util.Locale;

/**
 * The parts of an envelope address as every part of mailtrace reads them: the correlator (our
 * domains, direction), the stores (indexed address, domain and scope terms), the statistics, the
 * scope checks of the server and the report mailer. One rule, so a row a domain-scoped user finds
 * in a search is also one they may open.
 *
 * <p>The rule: blanks and one pair of angle brackets around the address are dropped; the domain
 * is what follows the <em>last</em> {@code @} (a quoted local part may hold an {@code @}, a
 * source route {@code @a:b@c} ends with the real destination), lower-cased because DNS names are
 * case-insensitive. Nothing else is interpreted: a trailing dot stays (so {@code example.org.}
 * is not {@code example.org}, in searches as in scope checks), IDNs are not converted between
 * Unicode and punycode, the local part keeps its case (it may be case-sensitive on the mailbox
 * host).
 */
public final class MailAddress {
    private MailAddress() {
    }

    /**
     * The form the stores index and compare: trimmed, without one pair of angle brackets,
     * lower-cased; "" for null and for the null sender {@code <>}.
     */
    public static String normalize(String address) {
        return bare(address).toLowerCase(Locale.ROOT);
    }

    /**
     * The lower-case domain of an address, or null when it has none (no {@code @}, nothing after
     * the last one, the null sender, null).
     */
    public static String domainOf(String address) {
        String a = bare(address);
        int at = a.lastIndexOf('@');
        return at < 0 || at == a.length() - 1 ? null : a.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Everything before the last {@code @}, case kept; the whole address when it has no {@code @}
     * (a bare local part such as {@code postmaster}); "" for null and {@code <>}.
     */
    public static String localPartOf(String address) {
        String a = bare(address);
        int at = a.lastIndexOf('@');
        return at < 0 ? a : a.substring(0, at);
    }

    private static String bare(String address) {
        if (address == null) {
            return "";
        }
        String a = address.trim();
        if (a.length() >= 2 && a.charAt(0) == '<' && a.charAt(a.length() - 1) == '>') {
            a = a.substring(1, a.length() - 1).trim();
        }
        return a;
    }
}
