package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;

/** Hostile syslog senders: lines that open messages and never end them must not grow memory without limit. */
class OpenMessageCapsTest {
    private final Events mx = Events.mx1();

    private static CorrelationSettings caps(int maxOpen, int maxChars, int maxFacts) {
        return CorrelationSettings.defaults().withCaps(maxOpen, CorrelationSettings.DEFAULT_MAX_OPEN_BYTES, maxChars, maxFacts);
    }

    private MailEvent hostileSubject(int i, int length) {
        return mx.content(i, String.format("%010X", i), "info", "header Subject:", "x".repeat(length), 0, null,
                "bob@example.org");
    }

    @Test
    void messagesThatNeverEndAreEvictedOldestFirstAsPartialTracesWhenTheCapIsReached() {
        Run run = new Run(new Correlator(caps(100, 4096, 1000), Formats.allRules()));
        run.feed(List.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("bob@far.example").status("deferred", "4.4.1", "timeout").build()));
        for (int i = 0; i < 1000; i++) {
            run.feed(List.of(hostileSubject(10 + i, 1000)));
            assertThat(run.correlator.tracesInMemory()).isLessThanOrEqualTo(100);
        }
        assertThat(run.correlator.evictedByCap()).isEqualTo(901);
        assertThat(run.store).hasSize(1001);
        MessageTrace first = run.withQueueId("AAA111");
        assertThat(first.recipients()).singleElement().satisfies(r ->
                assertThat(r.status()).isEqualTo(DeliveryStatus.Pending));
        assertThat(first.senderAddress()).isEqualTo("alice@example.org");
    }

    @Test
    void aFloodWhoseLinesAllCarryTheSameTimeLeavesNoStaleEvictionEntriesBehind() {
        Correlator c = new Correlator(caps(100, 4096, 1000), Formats.allRules());
        for (int i = 0; i < 20_000; i++) {
            c.accept(mx.content(0, String.format("%010X", i), "info", "header Subject:", "s", 0, null, "bob@example.org"), Events.POSTFIX);
        }
        assertThat(c.tracesInMemory()).isEqualTo(100);
        assertThat(c.evictionEntries()).isLessThanOrEqualTo(2 * 100 + 1024 + 1);
    }

    @Test
    void aLongSubjectIsCutToTheFieldCapAndTheEventSaysSo() {
        Run run = new Run(new Correlator(caps(100, 4096, 1000), Formats.allRules()));
        run.feed(List.of(hostileSubject(0, 60_000)));
        MessageTrace t = run.traces().get(0);
        assertThat(t.subject()).hasSizeLessThanOrEqualTo(4096).startsWith("xxxx")
                .endsWith(FieldCaps.MARKER_START + "60000 characters in the log]");
        assertThat(t.events()).anySatisfy(e -> assertThat(e.data().get("subject")).isEqualTo(t.subject()));
        assertThat(run.correlator.eventsCut()).isEqualTo(1);
    }

    @Test
    void cuttingIsIdempotentAndKeepsSurrogatePairsWhole() {
        String cut = FieldCaps.cut("a".repeat(5000), 300);
        assertThat(cut).hasSizeLessThanOrEqualTo(300);
        assertThat(FieldCaps.cut(cut, 300)).isSameAs(cut);
        String emoji = "\uD83D\uDE00".repeat(3000);
        String cutEmoji = FieldCaps.cut(emoji, 301);
        String kept = cutEmoji.substring(0, cutEmoji.indexOf(FieldCaps.MARKER_START));
        assertThat(kept.length() % 2).isZero();
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        assertThat(FieldCaps.cut("short", 300)).isEqualTo("short");
    }

    @Test
    void aMessageFedLinesWithoutEndIsSplitIntoPartialTracesAtTheLineCap() {
        Run run = new Run(new Correlator(caps(100, 4096, 50), Formats.allRules()));
        run.feed(List.of(mx.pickup(0, "AAA111", "alice@example.org")));
        for (int i = 0; i < 120; i++) {
            run.feed(List.of(mx.delivery(1 + i, "smtp", "AAA111").to("r" + i + "@far.example")
                    .status("sent", "2.0.0", "250 ok").build()));
        }
        assertThat(run.correlator.evictedByCap()).isEqualTo(2);
        assertThat(run.store).hasSize(3);
        int rows = 0;
        for (MessageTrace t : run.traces()) {
            rows += t.recipients().size();
        }
        assertThat(rows).as("every delivery is in one of the partial traces").isEqualTo(120);
    }

    @Test
    void restoreAppliesSmallerCapsBeforeTheFirstNewLine() {
        Correlator big = new Correlator(caps(10_000, 100_000, 1000), Formats.allRules());
        for (int i = 0; i < 500; i++) {
            big.accept(hostileSubject(i, 20_000), Events.POSTFIX);
        }
        big.drainChanges();
        Correlator small = Correlator.restore(caps(50, 4096, 1000), Formats.allRules(), big.snapshot());
        assertThat(small.tracesInMemory()).isEqualTo(50);
        assertThat(small.evictedByCap()).isEqualTo(450);
        List<MessageTrace> out = new ArrayList<>(small.drainChanges().upserted());
        assertThat(small.snapshot().length()).as("cut subjects and lines").isLessThan(50 * 3 * 4096 + 100_000);
        assertThat(out).hasSize(500);
        assertThat(out).allSatisfy(t -> assertThat(t.subject()).hasSizeLessThanOrEqualTo(4096));
    }

    @Test
    void messagesWithManyLongLinesAreBoundedByTheirEstimatedHeapNotOnlyByTheirCount() {
        Correlator c = new Correlator(CorrelationSettings.defaults().withCaps(10_000, 1 << 20, 4096, 1000), Formats.allRules());
        for (int i = 0; i < 200; i++) {
            String qid = String.format("%010X", i);
            for (int k = 0; k < 10; k++) {
                c.accept(mx.content(i * 10 + k, qid, "info", "header Subject:", "y".repeat(4000), 0, null,
                        "bob@example.org"), Events.POSTFIX);
            }
            assertThat(c.bytesInMemory()).isLessThanOrEqualTo(1 << 20);
        }
        assertThat(c.evictedByCap()).isPositive();
        assertThat(c.tracesInMemory()).as("~44 KB each in 1 MiB").isBetween(10, 40);
        assertThat(c.drainChanges().upserted()).hasSize(200);
    }

    @Test
    void aSnapshotRestoredWithTheSameCapsContinuesExactlyLikeAnUninterruptedRunEvenWhenEvicting() {
        assertResumesLikeAStraightRun(caps(20, 512, 30));
        assertResumesLikeAStraightRun(CorrelationSettings.defaults().withCaps(10_000, 1 << 20, 4096, 30));
    }

    private void assertResumesLikeAStraightRun(CorrelationSettings settings) {
        List<MailEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String qid = String.format("%010X", i);
            events.add(mx.client(i, 1000 + i, qid, "192.0.2.10"));
            events.add(hostileSubject(i, i % 3 == 0 ? 60_000 : 30));
            events.add(mx.content(i, qid, "info", "header X-Spam:", "z".repeat(3000), 0, null, "bob@example.org"));
            if (i % 4 == 0) {
                events.add(mx.removed(i + 1, qid));
            }
        }
        Run straight = new Run(new Correlator(settings, Formats.allRules())).feed(events);
        Run first = new Run(new Correlator(settings, Formats.allRules())).feed(events.subList(0, 300));
        Run resumed = new Run(Correlator.restore(settings, Formats.allRules(), first.correlator.snapshot()));
        resumed.store.putAll(first.store);
        resumed.feed(events.subList(300, events.size()));
        assertThat(resumed.store).isEqualTo(straight.store);
        assertThat(resumed.correlator.evictedByCap()).isEqualTo(straight.correlator.evictedByCap()).isPositive();
    }
}
