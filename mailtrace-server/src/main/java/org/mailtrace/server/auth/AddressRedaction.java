package org.mailtrace.server.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.model.TraceEvent;

/**
 * Masks the addresses a domain-scoped user may not see inside what they may: message-wide events
 * and visible rows' events carry free text and raw facts ({@code data.to} of a cleanup line, the
 * members of an alias, "originally ..." of a forward) that can name recipients in other domains.
 * Every address-shaped word there that is neither the message's sender nor within the scope is
 * replaced by {@link #MASK}.
 */
public final class AddressRedaction {
    /** What stands in for an address outside the scope. */
    public static final String MASK = "(address outside your domains)";
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"'()\\[\\]{}]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private final Predicate<String> visible;

    private AddressRedaction(Predicate<String> visible) {
        this.visible = visible;
    }

    /** For one message seen by a user scoped to {@code domains}: the sender and in-scope addresses stay. */
    public static AddressRedaction forScope(Set<String> domains, String senderAddress) {
        return new AddressRedaction(a -> ScopeDomains.contains(domains, a) || a.equalsIgnoreCase(senderAddress));
    }

    /** The text with every address outside the scope masked; null stays null. */
    public String text(String s) {
        if (s == null || s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = ADDRESS.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(visible.test(m.group()) ? m.group() : MASK));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The event with its detail and every data value masked. */
    public TraceEvent event(TraceEvent e) {
        Map<String, String> data = new LinkedHashMap<>();
        e.data().forEach((k, v) -> data.put(k, text(v)));
        return new TraceEvent(e.date(), e.event(), e.action(), text(e.detail()), e.recipientAddress(), data);
    }
}
