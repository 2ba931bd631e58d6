package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceEvent;

class AliasAndForwardTest {
    private final Events mx = Events.mx1();

    @Test
    void aliasToSeveralIsExpandedWithMemberRows() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").origTo("team@example.org").local().build(),
                mx.delivery(1, "local", "AAA111").to("carol@example.org").origTo("team@example.org").local().build(),
                mx.removed(1, "AAA111")).only();
        Map<String, RecipientOutcome> rows = Run.rows(t);
        assertThat(rows).containsOnlyKeys("team@example.org", "bob@example.org", "carol@example.org");
        assertThat(rows.get("team@example.org").status()).isEqualTo(DeliveryStatus.Expanded);
        assertThat(rows.get("bob@example.org").status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(rows.get("bob@example.org").expandedFrom()).isEqualTo("team@example.org");
        assertThat(rows.get("carol@example.org").expandedFrom()).isEqualTo("team@example.org");
        TraceEvent expand = t.events().stream().filter(e -> e.event() == EventType.EXPAND).findFirst().orElseThrow();
        assertThat(expand.detail()).contains("bob@example.org").contains("carol@example.org");
        assertThat(expand.recipientAddress()).isEqualTo("team@example.org");
    }

    @Test
    void aliasToOneKeepsItsRowWithTheFinalStatusOfWhereItWent() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").origTo("info@example.org").local().build())
                .only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("info@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.expandedFrom()).isNull();
        });
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.REDIRECT, EventType.DELIVER);
    }

    @Test
    void forwardToRemoteJoinsTheTraceWithBothQueueIds() {
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.qmgr(0, "AAA111", "alice@remote.example", 100),
                mx.msgid(1, "BBB222", "<m1@remote.example>"),
                mx.qmgr(1, "BBB222", "alice@remote.example", 300),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").forwardedAs("BBB222").build(),
                mx.removed(1, "AAA111"),
                mx.delivery(2, "smtp", "BBB222").to("bob@gmail.example").origTo("bob@example.org")
                        .relay("gmail-smtp-in.example", "198.51.100.20", 25).build(),
                mx.removed(2, "BBB222"));
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222");
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.toIp()).isEqualTo("198.51.100.20");
        });
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.REDIRECT, EventType.SEND);
        assertThat(t.size()).isEqualTo(100L);
    }

    @Test
    void forwardAnnouncedBeforeTheNewMessageAppearsStillJoins() {
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").forwardedAs("BBB222").build(),
                mx.qmgr(2, "BBB222", "alice@remote.example", 300),
                mx.delivery(3, "smtp", "BBB222").to("bob@gmail.example")
                        .relay("gmail-smtp-in.example", "198.51.100.20", 25)
                        .status("bounced", "5.7.1", "550 5.7.1 rejected").build());
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222");
        assertThat(t.recipients()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.Failed));
    }

    @Test
    void forwardToSeveralTargetsExpandsTheForwardingRecipient() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.qmgr(1, "BBB222", "alice@remote.example", 300),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").forwardedAs("BBB222").build(),
                mx.delivery(2, "smtp", "BBB222").to("x@one.example").relay("mx.one", "198.51.100.1", 25).build(),
                mx.delivery(2, "smtp", "BBB222").to("y@two.example").relay("mx.two", "198.51.100.2", 25)
                        .status("deferred", "4.4.1", "timeout").build()).only();
        Map<String, RecipientOutcome> rows = Run.rows(t);
        assertThat(rows.get("bob@example.org").status()).isEqualTo(DeliveryStatus.Expanded);
        assertThat(rows.get("x@one.example").status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(rows.get("y@two.example").status()).isEqualTo(DeliveryStatus.Pending);
    }
}
