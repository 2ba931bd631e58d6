package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceEvent;
import org.mailtrace.query.TraceDetail;
import org.mailtrace.server.auth.AddressRedaction;
import org.junit.jupiter.api.Test;

/**
 * A message from outside the scope to one recipient inside and others outside: the scoped user
 * sees their recipient's row and the message-wide events, but no word of those events names the
 * other recipients.
 */
class DomainScopeMaskingTest {
    private static final Instant T = Instant.parse("2026-11-28T13:27:55Z");

    private static TraceDetail message() {
        List<RecipientOutcome> rows = List.of(
                new RecipientOutcome("ann@remote.test", DeliveryStatus.Delivered, "192.0.2.1", Direction.Outbound, "team@example.test"),
                new RecipientOutcome("bob@example.test", DeliveryStatus.Delivered, null, Direction.Internal, null));
        List<TraceEvent> events = List.of(
                new TraceEvent(T, EventType.RECEIVE, "smtpd", "Received from client.test[192.0.2.9]", null,
                        Map.of("from", "carol@client.test", "to", "bob@example.test")),
                new TraceEvent(T, EventType.POLICY, "cleanup", "Noted by header_checks: from=<carol@client.test> to=<bob@example.test>",
                        null, Map.of("to", "bob@example.test", "from", "carol@client.test")),
                new TraceEvent(T, EventType.DELIVER, "smtp", "Sent by smtp for ann@remote.test (originally team@example.test)",
                        "ann@remote.test", Map.of("to", "ann@remote.test", "origTo", "team@example.test")),
                new TraceEvent(T, EventType.DELIVER, "local", "Delivered to the mailbox", "bob@example.test",
                        Map.of("to", "bob@example.test")));
        return new TraceDetail("0f0e0d0c-0000-4000-8000-000000000001", T, "carol@client.test", "hello", "<m@client.test>",
                "192.0.2.9", 100L, List.of("mail"), List.of("ABC"), rows, events, List.of());
    }

    @Test
    void otherDomainsAddressesAreMaskedInEventsDataAndRows() {
        TraceDetail seen = new DomainScope(Set.of("remote.test")).restrict(message(), id -> Optional.empty()).orElseThrow();

        assertThat(seen.recipients()).extracting(RecipientOutcome::recipientAddress).containsExactly("ann@remote.test");
        assertThat(seen.events()).hasSize(3);
        assertThat(seen.toString()).doesNotContain("bob@example.test").doesNotContain("team@example.test")
                .contains("carol@client.test").contains("ann@remote.test").contains(AddressRedaction.MASK);
        assertThat(seen.events().get(1).data()).containsEntry("to", AddressRedaction.MASK).containsEntry("from", "carol@client.test");
        assertThat(seen.recipients().get(0).expandedFrom()).isEqualTo(AddressRedaction.MASK);
    }

    @Test
    void nothingIsMaskedWhenTheSenderIsWithinTheScope() {
        TraceDetail seen = new DomainScope(Set.of("client.test")).restrict(message(), id -> Optional.empty()).orElseThrow();

        assertThat(seen).isEqualTo(message());
    }
}
