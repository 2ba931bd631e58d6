package org.mailtrace.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailtrace.model.Direction;
import org.mailtrace.model.MailAddress;

/**
 * Who "us" is and which domains are ours (docs/product.md, "Direction"). Accepted domains come from
 * the settings or, when none are configured, from the live set the correlator infers from mailbox
 * deliveries and unknown-local-user rejects (as each line's format tells them: {@link RowEffects}).
 */
final class Directions {
    private final List<Cidr> trusted = new ArrayList<>();
    private final Set<String> configuredDomains;
    private final Set<String> inferredDomains;

    Directions(CorrelationSettings settings, Set<String> inferredDomains) {
        List<String> nets = settings.trustedNetworks().isEmpty() ? List.of("127.0.0.0/8", "::1/128")
                : settings.trustedNetworks();
        for (String n : nets) {
            trusted.add(Cidr.parse(n));
        }
        this.configuredDomains = lower(settings.acceptedDomains());
        this.inferredDomains = inferredDomains;
    }

    private static Set<String> lower(Set<String> domains) {
        Set<String> out = new java.util.TreeSet<>();
        for (String d : domains) {
            String s = d.trim().toLowerCase(Locale.ROOT);
            out.add(s.startsWith(".") ? s.substring(1) : s);
        }
        return out;
    }

    boolean isTrusted(String ip) {
        for (Cidr c : trusted) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    boolean isAccepted(String address) {
        String domain = domainOf(address);
        if (domain == null) {
            return false;
        }
        Set<String> accepted = configuredDomains.isEmpty() ? inferredDomains : configuredDomains;
        for (String d = domain; d != null; d = parentDomain(d)) {
            if (accepted.contains(d)) {
                return true;
            }
        }
        return false;
    }

    Direction direction(boolean fromUs, String recipient) {
        if (!fromUs) {
            return Direction.Inbound;
        }
        return isAccepted(recipient) ? Direction.Internal : Direction.Outbound;
    }

    private static String parentDomain(String d) {
        int dot = d.indexOf('.');
        return dot < 0 || dot == d.length() - 1 ? null : d.substring(dot + 1);
    }

    /** The lower-case domain of an address, or null when it has none ({@link MailAddress#domainOf}). */
    static String domainOf(String address) {
        return MailAddress.domainOf(address);
    }
}
