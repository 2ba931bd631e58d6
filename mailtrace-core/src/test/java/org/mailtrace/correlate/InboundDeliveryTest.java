package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;

class InboundDeliveryTest {
    private final Events mx = Events.mx1();

    private List<MailEvent> localDelivery() {
        return List.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.client(1, 11, "AAA111", "192.0.2.10"),
                mx.msgid(1, "AAA111", "<m1@remote.example>"),
                mx.qmgr(2, "AAA111", "alice@remote.example", 1234),
                mx.disconnect(2, 11, "192.0.2.10"),
                mx.delivery(3, "local", "AAA111").to("bob@example.org").local().build(),
                mx.removed(3, "AAA111"));
    }

    @Test
    void localDeliveryIsOneDeliveredRowWithReceiveAndDeliverEvents() {
        MessageTrace t = Run.of(localDelivery()).only();

        assertThat(t.senderAddress()).isEqualTo("alice@remote.example");
        assertThat(t.messageId()).isEqualTo("<m1@remote.example>");
        assertThat(t.fromIp()).isEqualTo("192.0.2.10");
        assertThat(t.size()).isEqualTo(1234L);
        assertThat(t.received()).isEqualTo(Events.T0.plusSeconds(1));
        assertThat(t.hosts()).containsExactly("mx1");
        assertThat(t.queueIds()).containsExactly("AAA111");
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.direction()).isEqualTo(Direction.Inbound);
        });
        assertThat(t.events()).extracting(TraceEvent::event).containsExactly(EventType.RECEIVE, EventType.DELIVER);
        TraceEvent deliver = t.events().get(1);
        assertThat(deliver.action()).isEqualTo("local");
        assertThat(deliver.recipientAddress()).isEqualTo("bob@example.org");
        assertThat(deliver.data()).containsEntry("queueId", "AAA111").containsEntry("host", "mx1")
                .containsEntry("status", "sent");
        assertThat(t.events().get(0).data()).containsEntry("clientIp", "192.0.2.10");
    }

    @Test
    void traceIdIsNameBasedOnQueueKeyAndFirstLine() {
        MessageTrace t = Run.of(localDelivery()).only();
        String key = "q|mx1/postfix|AAA111|" + Events.T0.plusSeconds(1).toEpochMilli();
        assertThat(t.messageTraceId()).isEqualTo(
                java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    @Test
    void sameEventsTwiceGiveIdenticalTraces() {
        assertThat(Run.of(localDelivery()).traces()).isEqualTo(Run.of(localDelivery()).traces());
    }

    @Test
    void duplicatedLinesChangeNothingAndAreCounted() {
        List<MailEvent> doubled = new java.util.ArrayList<>();
        for (MailEvent e : localDelivery()) {
            doubled.add(e);
            doubled.add(e);
        }
        Run run = Run.of(doubled);
        assertThat(run.traces()).isEqualTo(Run.of(localDelivery()).traces());
        assertThat(run.correlator.anomalies()).containsKey("duplicated line");
    }

    @Test
    void linesForAnUnknownQueueIdOpenAPartialMessage() {
        Run run = Run.of(
                mx.delivery(5, "smtp", "BBB222").to("carol@far.example").relay("mx.far.example", "198.51.100.7", 25)
                        .status("deferred", "4.4.1", "connect to mx.far.example: Connection timed out").build());
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("BBB222");
        assertThat(t.senderAddress()).isNull();
        assertThat(t.recipients()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.Pending));
        assertThat(run.correlator.anomalies()).containsKey("line for unknown queue ID (partial message)");
    }

    @Test
    void partialMessageWithoutOutcomeIsGettingStatus() {
        MessageTrace t = Run.of(mx.qmgr(0, "CCC333", "alice@remote.example", 10)).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEmpty();
            assertThat(r.status()).isEqualTo(DeliveryStatus.GettingStatus);
        });
    }

    @Test
    void queueIdReuseStartsANewMessage() {
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.qmgr(0, "AAA111", "first@remote.example", 10),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").local().build(),
                mx.removed(1, "AAA111"),
                mx.client(100, 12, "AAA111", "192.0.2.11"),
                mx.qmgr(100, "AAA111", "second@remote.example", 20),
                mx.delivery(101, "local", "AAA111").to("carol@example.org").local().build(),
                mx.removed(101, "AAA111"));
        assertThat(run.traces()).hasSize(2);
        assertThat(run.traces()).extracting(MessageTrace::senderAddress)
                .containsExactlyInAnyOrder("first@remote.example", "second@remote.example");
        for (MessageTrace t : run.traces()) {
            assertThat(t.recipients()).hasSize(1);
        }
    }

    @Test
    void qmgrLineBeforeClientLineInTheSameSecondIsTheSameMessage() {
        Run run = Run.of(
                mx.qmgr(0, "AAA111", "alice@remote.example", 10),
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "local", "AAA111").to("bob@example.org").local().build());
        MessageTrace t = run.only();
        assertThat(t.fromIp()).isEqualTo("192.0.2.10");
        assertThat(t.senderAddress()).isEqualTo("alice@remote.example");
    }

    @Test
    void deferralThenLaterSentIsDelivered() {
        MessageTrace t = Run.of(
                mx.pickup(0, "DDD444", "alice@example.org"),
                mx.qmgr(0, "DDD444", "alice@example.org", 500),
                mx.delivery(1, "smtp", "DDD444").to("bob@far.example").relay("mx.far.example", "198.51.100.7", 25)
                        .status("deferred", "4.2.0", "host mx.far.example said: 450 4.2.0 try later").build(),
                mx.delivery(900, "smtp", "DDD444").to("bob@far.example").relay("mx.far.example", "198.51.100.7", 25)
                        .status("sent", "2.0.0", "250 2.0.0 Ok").build(),
                mx.removed(900, "DDD444")).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.toIp()).isEqualTo("198.51.100.7");
            assertThat(r.direction()).isEqualTo(Direction.Outbound);
        });
        assertThat(t.events()).extracting(TraceEvent::event)
                .containsExactly(EventType.SUBMIT, EventType.DEFER, EventType.SEND);
        assertThat(t.events().get(1).detail()).contains("450 4.2.0").contains("[4.2.0");
    }

    @Test
    void deferralUntilExpiryIsFailedWithExpireEvent() {
        MessageTrace t = Run.of(
                mx.pickup(0, "DDD444", "alice@example.org"),
                mx.delivery(1, "smtp", "DDD444").to("bob@far.example")
                        .status("deferred", "4.4.1", "connect to mx.far.example: Connection timed out").build(),
                mx.expired(400000, "DDD444", "alice@example.org"),
                mx.removed(400001, "DDD444")).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.Failed));
        assertThat(t.events()).extracting(TraceEvent::event).containsSubsequence(EventType.DEFER, EventType.EXPIRE);
    }

    @Test
    void deferLoggedInTheSameSecondAfterSentDoesNotUndoDelivery() {
        MessageTrace t = Run.of(
                mx.pickup(0, "DDD444", "alice@example.org"),
                mx.delivery(5, "smtp", "DDD444").to("bob@far.example").status("sent", "2.0.0", "250 ok").build(),
                mx.delivery(5, "smtp", "DDD444").to("bob@far.example")
                        .status("deferred", "4.4.2", "lost connection").build()).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered));
    }

    @Test
    void authenticatedClientSendingOutIsOutboundSend() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "EEE555", "203.0.113.5", "alice"),
                mx.qmgr(0, "EEE555", "alice@example.org", 900),
                mx.delivery(2, "smtp", "EEE555").to("dave@far.example").relay("mx.far.example", "198.51.100.7", 25)
                        .build(),
                mx.removed(2, "EEE555")).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.direction()).isEqualTo(Direction.Outbound);
            assertThat(r.toIp()).isEqualTo("198.51.100.7");
        });
        assertThat(t.events().get(0).detail()).contains("authenticated as alice");
        assertThat(t.events().get(1).event()).isEqualTo(EventType.SEND);
        assertThat(t.events().get(1).detail()).contains("mx.far.example[198.51.100.7]:25").contains("250");
    }

    @Test
    void localSubmissionToAnInferredDomainIsInternal() {
        Run run = Run.of(
                mx.pickup(0, "FFF666", "alice@example.org"),
                mx.delivery(1, "local", "FFF666").to("bob@example.org").local().build());
        assertThat(run.only().recipients().get(0).direction()).isEqualTo(Direction.Internal);
    }

    @Test
    void configuredAcceptedDomainsIncludeSubdomains() {
        Run run = new Run(new Correlator(new CorrelationSettings(java.util.Set.of("Example.org"), List.of(), null), Formats.allRules()));
        run.feed(List.of(mx.pickup(0, "FFF666", "alice@example.org"),
                mx.delivery(1, "smtp", "FFF666").to("bob@lists.example.org").relay("lists", "10.0.0.5", 25).build()));
        assertThat(run.only().recipients().get(0).direction()).isEqualTo(Direction.Internal);
    }

    @Test
    void trustedNetworkClientIsUs() {
        Run run = new Run(new Correlator(new CorrelationSettings(null, List.of("192.0.2.0/24"), null), Formats.allRules()));
        run.feed(List.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "smtp", "AAA111").to("x@far.example").relay("mx.far.example", "198.51.100.7", 25).build()));
        assertThat(run.only().recipients().get(0).direction()).isEqualTo(Direction.Outbound);
    }

    @Test
    void discardAgentDropsTheRow() {
        MessageTrace t = Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(1, "discard", "AAA111").to("bob@example.org").status("sent", "2.0.0", "discarded").build())
                .only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Dropped);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.DROP);
    }

    @Test
    void bouncedDeliveryIsFailedWithExplainedReply() {
        MessageTrace t = Run.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("nobody@far.example")
                        .status("bounced", "5.1.1", "host mx.far.example said: 550 5.1.1 <nobody@far.example>: "
                                + "Recipient address rejected: User unknown (in reply to RCPT TO command)").build())
                .only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Failed);
        TraceEvent fail = t.events().get(1);
        assertThat(fail.event()).isEqualTo(EventType.FAIL);
        assertThat(fail.detail()).contains("[5.1.1: the mailbox address does not exist").contains("550:");
    }

    @Test
    void oddInputNeverThrows() {
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        c.accept(null, Events.POSTFIX);
        c.accept(new org.mailtrace.event.SmtpConnect(null, null), Events.POSTFIX);
        c.accept(mx.verdict(0, "ZZZ999", "Blocked", "SPAM", null, null, null), Events.POSTFIX);
        c.accept(new org.mailtrace.event.DeliveryAttempt(mx.meta(1, "smtp", 1, "x"), new org.mailtrace.event.QueueId("ABC123"),
                null, null, null, null, null, null, null, null, null, null, null), Events.POSTFIX);
        assertThat(c.drainChanges().upserted()).hasSize(1);
        assertThat(c.anomalies()).doesNotContainKeys("internal error");
        assertThat(c.anomalies().keySet()).noneMatch(k -> k.startsWith("internal error"));
    }
}
