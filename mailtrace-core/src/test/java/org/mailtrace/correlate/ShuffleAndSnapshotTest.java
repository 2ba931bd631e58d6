package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Order independence within a second, determinism, and snapshot/restore equivalence. */
class ShuffleAndSnapshotTest {
    private static final Events MX = Events.mx1();

    /** A busy mix of everything the correlator handles, several messages interleaved. */
    static List<MailEvent> scenario() {
        Events mx = MX;
        return List.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown in local recipient table",
                        "alice@remote.example", "nobody@example.org"),
                mx.client(1, 11, "AAA111", "192.0.2.10"),
                mx.msgid(1, "AAA111", "<m1@remote.example>"),
                mx.qmgr(2, "AAA111", "alice@remote.example", 1000),
                mx.disconnect(2, 11, "192.0.2.10"),
                mx.client(3, 22, "BBB222", "127.0.0.1"),
                mx.delivery(3, "smtp", "AAA111").to("team@example.org").relay("127.0.0.1", "127.0.0.1", 10024)
                        .queuedAs("BBB222").build(),
                mx.msgid(3, "BBB222", "<m1@remote.example>"),
                mx.removed(3, "AAA111"),
                mx.delivery(4, "local", "BBB222").to("bob@example.org").origTo("team@example.org").local().build(),
                mx.delivery(4, "local", "BBB222").to("carol@example.org").origTo("team@example.org")
                        .forwardedAs("CCC333").build(),
                mx.qmgr(4, "CCC333", "alice@remote.example", 1200),
                mx.delivery(5, "smtp", "CCC333").to("carol@gmail.example").relay("gmail", "198.51.100.20", 25)
                        .status("bounced", "5.7.1", "550 5.7.1 unauthenticated").build(),
                mx.msgid(5, "NNN999", "<bounce@mx1>"),
                mx.qmgr(5, "NNN999", "", 2000),
                mx.notice(5, "CCC333", "sender non-delivery", "NNN999"),
                mx.removed(5, "CCC333"),
                mx.removed(4, "BBB222"),
                mx.delivery(6, "smtp", "NNN999").to("alice@remote.example").relay("mx.remote", "192.0.2.99", 25)
                        .status("deferred", "4.4.1", "timeout").build(),
                mx.pickup(7, "DDD444", "app@example.org"),
                mx.content(7, "DDD444", "hold", "header Subject: invoice", "invoice", 0, null, "boss@example.org"),
                mx.admin(20, "DDD444", "release"),
                mx.delivery(21, "local", "DDD444").to("boss@example.org").local().build(),
                mx.delivery(21, "smtp", "NNN999").to("alice@remote.example").relay("mx.remote", "192.0.2.99", 25)
                        .build(),
                mx.removed(21, "NNN999"),
                mx.removed(21, "DDD444"));
    }

    /** Rows and timelines by queue IDs (trace IDs may differ: they come from whichever line was first). */
    private static Map<String, List<Object>> statuses(Run run) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (MessageTrace t : run.traces()) {
            out.put(String.join(",", new java.util.TreeSet<>(t.queueIds())) + "/" + t.senderAddress(),
                    List.of(t.recipients(), t.events()));
        }
        return out;
    }

    @Test
    void scenarioHasTheExpectedShape() {
        Run run = Run.of(scenario());
        assertThat(run.correlator.anomalies().keySet()).noneMatch(k -> k.startsWith("internal error"));
        assertThat(run.traces()).hasSize(3);
        MessageTrace main = run.withQueueId("AAA111");
        assertThat(main.queueIds()).containsExactly("AAA111", "BBB222", "CCC333");
        Map<String, RecipientOutcome> rows = Run.rows(main);
        assertThat(rows.get("nobody@example.org").status()).isEqualTo(DeliveryStatus.Failed);
        assertThat(rows.get("team@example.org").status()).isEqualTo(DeliveryStatus.Expanded);
        assertThat(rows.get("bob@example.org").status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(rows.get("carol@example.org").status()).isEqualTo(DeliveryStatus.Failed);
        assertThat(run.withQueueId("NNN999").recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(run.withQueueId("DDD444").recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
    }

    @Test
    void shufflingLinesWithinTheSameSecondYieldsTheSameStatuses() {
        Map<String, List<Object>> expected = statuses(Run.of(scenario()));
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<MailEvent> shuffled = shuffleWithinSeconds(scenario(), random);
            assertThat(statuses(Run.of(shuffled))).as("round %d: %s", round, shuffled).isEqualTo(expected);
        }
    }

    private static List<MailEvent> shuffleWithinSeconds(List<MailEvent> events, Random random) {
        List<MailEvent> out = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int j = i;
            while (j < events.size() && events.get(j).meta().time().equals(events.get(i).meta().time())) {
                j++;
            }
            List<MailEvent> second = new ArrayList<>(events.subList(i, j));
            Collections.shuffle(second, random);
            out.addAll(second);
            i = j;
        }
        return out;
    }

    @Test
    void sameEventsTwiceGiveIdenticalTraces() {
        assertThat(Run.of(scenario()).traces()).isEqualTo(Run.of(scenario()).traces());
    }

    @Test
    void restoringASnapshotAtEverySplitPointGivesTheUninterruptedResult() {
        List<MailEvent> events = scenario();
        Map<String, MessageTrace> expected = Run.of(events).store;
        for (int split = 0; split <= events.size(); split++) {
            assertThat(splitRun(events, split)).as("split at %d", split).isEqualTo(expected);
        }
    }

    private static Map<String, MessageTrace> splitRun(List<MailEvent> events, int split) {
        Run first = Run.of(events.subList(0, split));
        Correlator restored = Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), first.correlator.snapshot());
        Run second = new Run(restored);
        second.store.putAll(first.store);
        second.feed(events.subList(split, events.size()));
        return second.store;
    }

    @Property(tries = 60)
    void snapshotRestoreIsInvisibleForShuffledInput(@ForAll @IntRange(min = 0, max = 1000) int seed,
                                                    @ForAll @IntRange(min = 0, max = 27) int split) {
        List<MailEvent> events = shuffleWithinSeconds(scenario(), new Random(seed));
        int at = Math.min(split, events.size());
        assertThat(splitRun(events, at)).isEqualTo(Run.of(events).store);
    }

    @Test
    void snapshotTakenBeforeADrainStillDeliversThePendingChanges() {
        List<MailEvent> events = scenario();
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        events.subList(0, 10).forEach(e -> c.accept(e, Events.POSTFIX));
        Correlator restored = Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), c.snapshot());
        assertThat(restored.drainChanges()).isEqualTo(c.drainChanges());
    }
}
