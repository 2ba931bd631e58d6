package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.HopRecord;

/**
 * A message relayed across three hosts (submission host, hub, mailbox host), each host's lines
 * correlated by a correlator of its own, joined through a directory of hop records in every order
 * of arrival: the store ends up holding what one correlator reading all three hosts hands out.
 */
class HopJoinTest {
    private final Events submit = new Events("submit1", "postfix");
    private final Events hub = new Events("hub", "postfix");
    private final Events store = new Events("store", "postfix");
    /**
     * Every process is told the site's domains: a domain one process would infer from its own
     * mailbox deliveries is unknown to the others (docs/stores.md), so the directions would differ.
     */
    private static final CorrelationSettings SETTINGS = new CorrelationSettings(
            java.util.Set.of("example.org", "branch.example.org"), List.of(), CorrelationSettings.DEFAULT_IDLE_LIMIT);

    private List<MailEvent> submitLines() {
        return List.of(
                submit.client(0, 11, "AAA111", "203.0.113.5", "alice"),
                submit.msgid(0, "AAA111", "<m1@example.org>"),
                submit.qmgr(0, "AAA111", "alice@example.org", 700),
                submit.delivery(1, "smtp", "AAA111").to("carol@branch.example.org")
                        .relay("hub.example.org", "10.0.0.2", 25).queuedAs("BBB222").build(),
                submit.removed(1, "AAA111"));
    }

    private List<MailEvent> hubLines() {
        return List.of(
                hub.client(1, 22, "BBB222", "10.0.0.1"),
                hub.msgid(1, "BBB222", "<m1@example.org>"),
                hub.qmgr(1, "BBB222", "alice@example.org", 900),
                hub.delivery(2, "smtp", "BBB222").to("carol@branch.example.org")
                        .relay("store.example.org", "10.0.0.3", 25).queuedAs("CCC333").build(),
                hub.removed(2, "BBB222"));
    }

    private List<MailEvent> storeLines() {
        return List.of(
                store.client(2, 33, "CCC333", "10.0.0.2"),
                store.msgid(2, "CCC333", "<m1@example.org>"),
                store.qmgr(2, "CCC333", "alice@example.org", 1100),
                store.delivery(3, "lmtp", "CCC333").to("carol@branch.example.org")
                        .relay("dovecot", "10.0.0.9", 24).build(),
                store.removed(3, "CCC333"));
    }

    /** What one correlator reading every host, in log order, hands to the store. */
    private Map<String, MessageTrace> oneCorrelator() {
        List<MailEvent> all = new ArrayList<>();
        List<List<MailEvent>> hosts = List.of(submitLines(), hubLines(), storeLines());
        for (int i = 0; i < 6; i++) {
            for (List<MailEvent> host : hosts) {
                if (i < host.size()) {
                    all.add(host.get(i));
                }
            }
        }
        all.sort(java.util.Comparator.comparing(e -> e.meta().time()));
        Run run = new Run(new Correlator(SETTINGS));
        run.feed(all);
        return run.store;
    }

    /** A store of traces and hop records, and the ingest processes that write it one after the other. */
    private static final class SharedStore {
        final Map<String, MessageTrace> traces = new TreeMap<>();
        final Map<String, HopRecord> hops = new LinkedHashMap<>();

        /** One process: correlates its host's lines, then joins its hop records with those stored, as the pipeline does. */
        void ingest(List<MailEvent> lines) {
            Correlator c = new Correlator(SETTINGS);
            c.recordHops();
            for (MailEvent e : lines) {
                c.accept(e, Events.POSTFIX);
            }
            TraceChanges own = c.drainChanges();
            List<HopRecord> records = c.drainHopRecords();
            TraceChanges joined = c.joinHops(records, hops.values());
            apply(own);
            apply(joined);
            for (HopRecord r : records) {
                hops.put(r.traceId(), r);
            }
        }

        private void apply(TraceChanges changes) {
            changes.deleted().forEach(traces::remove);
            changes.upserted().forEach(t -> traces.put(t.messageTraceId(), t));
        }
    }

    @Test
    void aMessageRelayedAcrossThreeHostsReadApartIsOneTraceInEveryOrderOfArrival() {
        Map<String, MessageTrace> expected = oneCorrelator();
        assertThat(expected).hasSize(1);
        assertThat(expected.values().iterator().next().queueIds()).containsExactly("AAA111", "BBB222", "CCC333");

        List<List<MailEvent>> hosts = List.of(submitLines(), hubLines(), storeLines());
        for (int[] order : new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}) {
            SharedStore shared = new SharedStore();
            for (int i : order) {
                shared.ingest(hosts.get(i));
            }
            assertThat(shared.traces).as("hosts read in the order %s", java.util.Arrays.toString(order))
                    .isEqualTo(expected);
        }
    }

    @Test
    void aProcessThatReadsItsHostAgainChangesNothing() {
        SharedStore shared = new SharedStore();
        shared.ingest(submitLines());
        shared.ingest(hubLines());
        shared.ingest(storeLines());
        Map<String, MessageTrace> once = new TreeMap<>(shared.traces);

        shared.ingest(hubLines());
        shared.ingest(submitLines());

        assertThat(shared.traces).isEqualTo(once).isEqualTo(oneCorrelator());
    }

    @Test
    void theRecordsSayWhatEachSideWaitsForAndAnswersTo() {
        Correlator c = new Correlator(CorrelationSettings.defaults());
        c.recordHops();
        hubLines().forEach(e -> c.accept(e, Events.POSTFIX));
        c.drainChanges();

        HopRecord r = c.drainHopRecords().get(0);
        assertThat(r.inbound().queueId()).isEqualTo("BBB222");
        assertThat(r.outbound()).extracting(k -> k.queueId()).containsExactly("CCC333");
        assertThat(r.queueIds()).containsExactly("BBB222", "CCC333");
        assertThat(c.drainHopRecords()).isEmpty();
    }

    @Test
    void withoutRecordHopsNoRecordIsMade() {
        Correlator c = new Correlator(CorrelationSettings.defaults());
        hubLines().forEach(e -> c.accept(e, Events.POSTFIX));
        c.drainChanges();

        assertThat(c.drainHopRecords()).isEmpty();
    }
}
