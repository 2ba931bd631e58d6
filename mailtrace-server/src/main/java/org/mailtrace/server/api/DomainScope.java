package org.mailtrace.server.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.query.TraceDetail;
import org.mailtrace.server.auth.AddressRedaction;
import org.mailtrace.server.auth.ScopeDomains;

/**
 * What a domain-scoped user may see, for the detail view (searches are scoped by the store through
 * {@code TraceQuery.scopeDomains}, with the same rule): a row is visible when its sender or its
 * recipient is in one of the domains or their subdomains. A trace with no visible row does not
 * exist for them (404, not 403, so trace IDs of other domains cannot be probed).
 */
final class DomainScope {
    private final Set<String> domains;

    DomainScope(Set<String> domains) {
        this.domains = domains;
    }

    boolean unrestricted() {
        return domains.isEmpty();
    }

    boolean inScope(String address) {
        return !domains.isEmpty() && ScopeDomains.contains(domains, address);
    }

    boolean sees(MessageTrace t) {
        return unrestricted() || inScope(t.senderAddress())
                || t.recipients().stream().anyMatch(r -> inScope(r.recipientAddress()));
    }

    /**
     * The detail narrowed to what the scope allows: only visible rows, their events and the
     * message-wide ones, and only related traces the user could open too. When the sender is outside
     * the scope, addresses of other domains inside those events (and an alias a visible row was
     * expanded from) are masked ({@link AddressRedaction}). Empty when nothing is visible.
     */
    Optional<TraceDetail> restrict(TraceDetail d, Function<String, Optional<MessageTrace>> lookup) {
        if (unrestricted()) {
            return Optional.of(d);
        }
        boolean senderVisible = inScope(d.senderAddress());
        List<RecipientOutcome> rows = senderVisible ? d.recipients()
                : d.recipients().stream().filter(r -> inScope(r.recipientAddress())).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<String> visible = rows.stream().map(r -> r.recipientAddress().toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
        List<TraceEvent> events = d.events().stream()
                .filter(e -> e.recipientAddress() == null || visible.contains(e.recipientAddress().toLowerCase(Locale.ROOT)))
                .toList();
        if (!senderVisible) {
            // Only some recipients are theirs: words naming the others (data.to, alias members) are masked.
            AddressRedaction mask = AddressRedaction.forScope(domains, d.senderAddress());
            events = events.stream().map(mask::event).toList();
            rows = rows.stream().map(r -> new RecipientOutcome(r.recipientAddress(), r.status(), r.toIp(), r.direction(),
                    mask.text(r.expandedFrom()))).toList();
        }
        List<RelatedTrace> related = d.related().stream()
                .filter(r -> lookup.apply(r.messageTraceId()).map(this::sees).orElse(false))
                .toList();
        return Optional.of(new TraceDetail(d.messageTraceId(), d.received(), d.senderAddress(), d.subject(),
                d.messageId(), d.fromIp(), d.size(), d.hosts(), d.queueIds(), rows, events, related));
    }
}
