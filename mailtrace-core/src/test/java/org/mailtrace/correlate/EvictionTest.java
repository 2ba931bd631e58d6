package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;

class EvictionTest {
    private final Events mx = Events.mx1();

    @Test
    void hundredThousandEventsKeepOpenMessagesBoundedWithoutCallingCloseIdle() {
        Correlator c = new Correlator(new CorrelationSettings(null, null, Duration.ofHours(1)), Formats.allRules());
        int maxOpen = 0;
        long upserted = 0;
        for (int i = 0; i < 20_000; i++) {
            String qid = String.format("%010X", i);
            long t = i * 2L;
            boolean neverRemoved = i % 10 == 0;
            c.accept(mx.client(t, 1000 + i % 50, qid, "192.0.2.10"), Events.POSTFIX);
            c.accept(mx.qmgr(t, qid, "alice@remote.example", 100), Events.POSTFIX);
            c.accept(mx.delivery(t + 1, "local", qid).to("bob@example.org").local().build(), Events.POSTFIX);
            c.accept(mx.noqueue(t + 1, 2000 + i % 50, "RCPT", "192.0.2.66", 554, "5.7.1", "Relay access denied",
                    "s" + i + "@bad.example", "x" + i + "@far.example"), Events.POSTFIX);
            c.accept(neverRemoved ? mx.msgid(t + 1, qid, "<" + i + "@x>") : mx.removed(t + 1, qid), Events.POSTFIX);
            maxOpen = Math.max(maxOpen, c.openMessages());
            if (i % 100 == 0) {
                upserted += c.drainChanges().upserted().size();
            }
        }
        upserted += c.drainChanges().upserted().size();
        assertThat(maxOpen).as("10 minutes of grace and 1 hour idle at 2 s per message").isLessThan(3000);
        assertThat(upserted).isGreaterThanOrEqualTo(40_000);
        assertThat(c.anomalies().keySet()).noneMatch(k -> k.startsWith("internal error"));
    }

    @Test
    void closeIdleDropsIdleMessagesWithTheirStatusAndDrainStillHandsThemOut() {
        Correlator c = new Correlator(new CorrelationSettings(null, null, Duration.ofHours(1)), Formats.allRules());
        c.accept(mx.pickup(0, "AAA111", "alice@example.org"), Events.POSTFIX);
        c.accept(mx.delivery(1, "smtp", "AAA111").to("bob@far.example").status("deferred", "4.4.1", "timeout").build(), Events.POSTFIX);
        assertThat(c.openMessages()).isEqualTo(1);
        c.closeIdle(Events.T0.plus(Duration.ofMinutes(30)));
        assertThat(c.openMessages()).isEqualTo(1);
        c.closeIdle(Events.T0.plus(Duration.ofHours(2)));
        assertThat(c.openMessages()).isZero();
        List<MessageTrace> out = c.drainChanges().upserted();
        assertThat(out).singleElement().satisfies(t ->
                assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Pending));
    }

    @Test
    void closedMessagesStayReachableForLateLinesDuringTheGracePeriod() {
        Run run = Run.of(
                mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("x@far.example").status("bounced", "5.1.1", "550 no").build(),
                mx.removed(1, "AAA111"));
        run.correlator.closeIdle(Events.T0.plus(Duration.ofSeconds(90)));
        run.feed(List.of(mx.qmgr(91, "NNN999", "", 100), mx.notice(91, "AAA111", "sender non-delivery", "NNN999")));
        assertThat(run.traces()).hasSize(2);
        assertThat(run.withQueueId("AAA111").related()).hasSize(1);
        run.correlator.closeIdle(Events.T0.plus(Duration.ofMinutes(30)));
        assertThat(run.correlator.openMessages()).isEqualTo(1).as("only the unfinished notification");
    }

    @Test
    void aClosedMessageLeavesMemoryAfterTheGracePeriodSoALaterLineStartsAPartialTrace() {
        Run run = Run.of(
                mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("x@far.example").status("sent", "2.0.0", "250 ok").build(),
                mx.removed(1, "AAA111"));
        run.correlator.closeIdle(Events.T0.plus(Correlator.GRACE).plusSeconds(2));
        assertThat(run.correlator.openMessages()).isZero();
        run.feed(List.of(mx.notice(200, "AAA111", "late line", "NNN999")));
        assertThat(run.traces()).hasSize(2).as("the late line could not reach the evicted message");
    }

    @Test
    void drainEvictedHandsOutOnlyWhatLeftMemoryAndKeepsOpenMessagesForTheNextFullDrain() {
        Correlator c = new Correlator(new CorrelationSettings(null, null, Duration.ofHours(1)), Formats.allRules());
        c.accept(mx.pickup(0, "AAA111", "alice@example.org"), Events.POSTFIX);
        c.accept(mx.delivery(1, "smtp", "AAA111").to("x@far.example").status("sent", "2.0.0", "250 ok").build(), Events.POSTFIX);
        c.accept(mx.removed(1, "AAA111"), Events.POSTFIX);
        c.accept(mx.pickup(200, "BBB222", "bob@example.org"), Events.POSTFIX);
        c.closeIdle(Events.T0.plus(Duration.ofSeconds(200)));
        assertThat(c.evictedWaiting()).isEqualTo(1);

        List<MessageTrace> early = c.drainEvicted().upserted();
        assertThat(early).singleElement().satisfies(t -> assertThat(t.queueIds()).containsExactly("AAA111"));
        assertThat(c.evictedWaiting()).isZero();
        List<MessageTrace> rest = c.drainChanges().upserted();
        assertThat(rest).singleElement().satisfies(t -> assertThat(t.queueIds()).containsExactly("BBB222"));
        assertThat(c.drainChanges().upserted()).isEmpty();
    }
}
