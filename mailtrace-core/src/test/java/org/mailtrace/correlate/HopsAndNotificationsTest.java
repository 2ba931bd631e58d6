package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.model.TraceEvent;

class HopsAndNotificationsTest {
    private final Events mx = Events.mx1();

    /** External mail through a content filter on 127.0.0.1:10024 that reinjects on :10025 and says "queued as". */
    private List<MailEvent> filteredWithQueuedAs(boolean childClientLineFirst) {
        List<MailEvent> parent = List.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.msgid(0, "AAA111", "<m1@remote.example>"),
                mx.qmgr(0, "AAA111", "alice@remote.example", 1000));
        MailEvent handOff = mx.delivery(2, "smtp", "AAA111").to("bob@example.org")
                .relay("127.0.0.1", "127.0.0.1", 10024).queuedAs("BBB222").build();
        List<MailEvent> childStart = List.of(
                mx.client(2, 22, "BBB222", "127.0.0.1"),
                mx.msgid(2, "BBB222", "<m1@remote.example>"),
                mx.qmgr(2, "BBB222", "alice@remote.example", 1500));
        List<MailEvent> rest = List.of(
                mx.removed(2, "AAA111"),
                mx.delivery(3, "local", "BBB222").to("bob@example.org").local().build(),
                mx.removed(3, "BBB222"));
        List<MailEvent> all = new ArrayList<>(parent);
        if (childClientLineFirst) {
            all.addAll(childStart);
            all.add(handOff);
        } else {
            all.add(handOff);
            all.addAll(childStart);
        }
        all.addAll(rest);
        return all;
    }

    @Test
    void contentFilterWithQueuedAsIsOneTraceWhenTheChildIsLoggedFirst() {
        assertFilteredTrace(Run.of(filteredWithQueuedAs(true)));
    }

    @Test
    void contentFilterWithQueuedAsIsOneTraceWhenTheParentIsLoggedFirst() {
        assertFilteredTrace(Run.of(filteredWithQueuedAs(false)));
    }

    @Test
    void bothLineOrdersOfAContentFilterGiveTheSameTrace() {
        assertThat(Run.of(filteredWithQueuedAs(true)).only()).isEqualTo(Run.of(filteredWithQueuedAs(false)).only());
    }

    private void assertFilteredTrace(Run run) {
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222");
        assertThat(t.fromIp()).isEqualTo("192.0.2.10");
        assertThat(t.size()).isEqualTo(1000L);
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.direction()).isEqualTo(Direction.Inbound);
        });
        assertThat(t.events()).extracting(TraceEvent::event)
                .containsExactly(EventType.RECEIVE, EventType.RECEIVE, EventType.TRANSFER, EventType.DELIVER);
        assertThat(t.events().get(1).detail()).contains("Reinjected by the content filter");
    }

    @Test
    void contentFilterWithoutQueuedAsIsLinkedByMessageIdAndLoopback() {
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.msgid(0, "AAA111", "<m2@remote.example>"),
                mx.qmgr(0, "AAA111", "alice@remote.example", 1000),
                mx.delivery(2, "smtp", "AAA111").to("bob@example.org").relay("127.0.0.1", "127.0.0.1", 10024)
                        .status("sent", "2.0.0", "250 2.0.0 Ok, id=12345-01").build(),
                mx.client(3, 22, "BBB222", "127.0.0.1"),
                mx.msgid(3, "BBB222", "<m2@remote.example>"),
                mx.delivery(4, "virtual", "BBB222").to("bob@example.org").local().build());
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222");
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.TRANSFER, EventType.DELIVER);
    }

    @Test
    void messageIdLinkWorksWhenTheReinjectionIsLoggedBeforeTheHandOff() {
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.msgid(0, "AAA111", "<m2@remote.example>"),
                mx.client(2, 22, "BBB222", "127.0.0.1"),
                mx.msgid(2, "BBB222", "<m2@remote.example>"),
                mx.delivery(2, "smtp", "AAA111").to("bob@example.org").relay("127.0.0.1", "127.0.0.1", 10024).build(),
                mx.delivery(3, "virtual", "BBB222").to("bob@example.org").local().build());
        assertThat(run.only().queueIds()).containsExactly("AAA111", "BBB222");
    }

    @Test
    void relayChainAcrossHostsAndInstancesIsOneTrace() {
        Events out = new Events("mx1", "postfix-out");
        Events mx2 = new Events("mx2", "postfix");
        Run run = Run.of(
                mx.client(0, 11, "AAA111", "203.0.113.5", "alice"),
                mx.qmgr(0, "AAA111", "alice@example.org", 700),
                out.client(1, 33, "BBB222", "127.0.0.1"),
                mx.delivery(1, "smtp", "AAA111").to("carol@branch.example.org")
                        .relay("127.0.0.1", "127.0.0.1", 10026).queuedAs("BBB222").build(),
                mx2.client(2, 44, "CCC333", "198.51.100.1"),
                out.delivery(2, "smtp", "BBB222").to("carol@branch.example.org")
                        .relay("mx2.example.org", "198.51.100.2", 25).queuedAs("CCC333").build(),
                mx2.delivery(3, "lmtp", "CCC333").to("carol@branch.example.org")
                        .relay("dovecot", "10.0.0.9", 24).build());
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222", "CCC333");
        assertThat(t.hosts()).containsExactly("mx1", "mx2");
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
            assertThat(r.direction()).isEqualTo(Direction.Internal);
            assertThat(r.toIp()).isEqualTo("10.0.0.9");
        });
    }

    @Test
    void amavisSpamBlockIsFilteredAsSpamWithQuarantineEvent() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.delivery(2, "smtp", "AAA111").to("bob@example.org").relay("127.0.0.1", "127.0.0.1", 10024)
                        .status("sent", "2.7.0", "250 2.7.0 Ok, discarded, id=1-01 - spam").build(),
                mx.verdict(2, "AAA111", "Blocked", "SPAM", List.of("DiscardedInbound", "Quarantined"),
                        List.of("bob@example.org"), null)).only();
        assertThat(t.recipients()).singleElement().satisfies(r ->
                assertThat(r.status()).isEqualTo(DeliveryStatus.FilteredAsSpam));
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.SPAM, EventType.QUARANTINE);
    }

    @Test
    void amavisVirusBlockIsMalwareQuarantined() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.verdict(2, "AAA111", "Blocked", "INFECTED", List.of("DiscardedInbound", "Quarantined"),
                        List.of("bob@example.org"), null)).only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Quarantined);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.MALWARE);
    }

    @Test
    void amavisPassWithQueuedAsLinksTheReinjection() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.client(2, 22, "BBB222", "127.0.0.1"),
                mx.verdict(2, "AAA111", "Passed", "CLEAN", List.of("RelayedInbound"), List.of("bob@example.org"),
                        "BBB222"),
                mx.delivery(3, "local", "BBB222").to("bob@example.org").local().build()).only();
        assertThat(t.queueIds()).containsExactly("AAA111", "BBB222");
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.POLICY);
    }

    private List<MailEvent> bounce(boolean noticeLinesFirst) {
        List<MailEvent> all = new ArrayList<>(List.of(
                mx.pickup(0, "AAA111", "alice@example.org"),
                mx.qmgr(0, "AAA111", "alice@example.org", 100),
                mx.delivery(1, "smtp", "AAA111").to("nobody@far.example")
                        .status("bounced", "5.1.1", "host mx.far said: 550 5.1.1 unknown user").build()));
        List<MailEvent> notice = List.of(
                mx.msgid(1, "NNN999", "<bounce@mx1>"),
                mx.qmgr(1, "NNN999", "", 2000));
        MailEvent link = mx.notice(1, "AAA111", "sender non-delivery", "NNN999");
        if (noticeLinesFirst) {
            all.addAll(notice);
            all.add(link);
        } else {
            all.add(link);
            all.addAll(notice);
        }
        all.add(mx.removed(1, "AAA111"));
        all.add(mx.delivery(2, "local", "NNN999").to("alice@example.org").local().build());
        return all;
    }

    @Test
    void bounceIsItsOwnTraceLinkedBothWaysWhateverTheLineOrder() {
        for (boolean order : new boolean[] {true, false}) {
            Run run = Run.of(bounce(order));
            assertThat(run.traces()).hasSize(2);
            MessageTrace orig = run.withQueueId("AAA111");
            MessageTrace ndr = run.withQueueId("NNN999");
            assertThat(orig.related()).containsExactly(new RelatedTrace(ndr.messageTraceId(), RelatedTrace.NDR));
            assertThat(ndr.related()).containsExactly(new RelatedTrace(orig.messageTraceId(), RelatedTrace.NDR_OF));
            TraceEvent ndrEvent = orig.events().stream().filter(e -> e.event() == EventType.NDR).findFirst().orElseThrow();
            assertThat(ndrEvent.detail()).contains("Non-delivery report sent to the sender as " + ndr.messageTraceId())
                    .contains("NNN999");
            assertThat(ndr.senderAddress()).isEmpty();
            assertThat(ndr.recipients()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(DeliveryStatus.Delivered);
                assertThat(r.direction()).isEqualTo(Direction.Internal);
            });
            assertThat(orig.recipients().get(0).status()).isEqualTo(DeliveryStatus.Failed);
        }
    }

    @Test
    void delayNotificationSaysSo() {
        Run run = Run.of(
                mx.pickup(0, "AAA111", "alice@example.org"),
                mx.qmgr(1, "NNN999", "", 2000),
                mx.notice(1, "AAA111", "sender delay", "NNN999"));
        TraceEvent ndr = run.withQueueId("AAA111").events().stream().filter(e -> e.event() == EventType.NDR)
                .findFirst().orElseThrow();
        assertThat(ndr.detail()).startsWith("Delay notification sent to the sender");
    }

    /** smtpd_proxy_filter: the first smtpd logs proxy-accept with the queue ID the filter's reinjection got. */
    private List<MailEvent> beforeQueueFilter(boolean proxyAcceptFirst) {
        MailEvent accept = mx.decision(1, 11, null, "proxy-accept", "END-OF-MESSAGE", "192.0.2.10", 250, "2.0.0",
                "Ok: queued as CCC333", "alice@remote.example", "bob@example.org");
        List<MailEvent> child = List.of(
                mx.client(1, 22, "CCC333", "127.0.0.1"),
                mx.msgid(1, "CCC333", "<p1@remote.example>"),
                mx.qmgr(1, "CCC333", "alice@remote.example", 900));
        List<MailEvent> all = new ArrayList<>();
        all.add(mx.connect(0, 11, "192.0.2.10"));
        if (proxyAcceptFirst) {
            all.add(accept);
            all.addAll(child);
        } else {
            all.addAll(child);
            all.add(accept);
        }
        all.add(mx.disconnect(1, 11, "192.0.2.10"));
        all.add(mx.delivery(2, "local", "CCC333").to("bob@example.org").local().build());
        all.add(mx.removed(2, "CCC333"));
        return all;
    }

    @Test
    void beforeQueueFilterAcceptIsOneTraceWithTheQueuedMessageInEitherOrder() {
        for (boolean first : new boolean[] {true, false}) {
            MessageTrace t = Run.of(beforeQueueFilter(first)).only();
            assertThat(t.queueIds()).containsExactly("CCC333");
            assertThat(t.fromIp()).isEqualTo("192.0.2.10");
            assertThat(t.recipients()).hasSize(1);
            assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
        }
    }
}
