package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

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
import org.mailtrace.store.JoinedTrace;

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
        Run run = new Run(new Correlator(SETTINGS, Formats.allRules()));
        run.feed(all);
        return run.store;
    }

    /**
     * A store of traces and hop records, and the ingest processes that write it one after the other.
     * Joined traces are written as {@link org.mailtrace.store.HopDirectory#upsertJoined} says: not
     * over one joined from more; a plain upsert counts as joined from 0.
     */
    private static final class SharedStore {
        final Map<String, MessageTrace> traces = new TreeMap<>();
        final Map<String, Long> joinedFrom = new TreeMap<>();
        final Map<String, HopRecord> hops = new LinkedHashMap<>();

        /** One process: correlates its host's lines, then joins its hop records with those stored, as the pipeline does. */
        void ingest(List<MailEvent> lines) {
            Correlator c = new Correlator(SETTINGS, Formats.allRules());
            c.recordHops();
            for (MailEvent e : lines) {
                c.accept(e, Events.POSTFIX);
            }
            TraceChanges own = c.drainChanges();
            List<HopRecord> records = c.drainHopRecords();
            HopJoins joined = c.joinHops(records, hops.values());
            apply(own);
            apply(joined);
            for (HopRecord r : records) {
                hops.put(r.traceId(), r);
            }
        }

        void apply(TraceChanges changes) {
            changes.deleted().forEach(id -> {
                traces.remove(id);
                joinedFrom.remove(id);
            });
            changes.upserted().forEach(t -> {
                traces.put(t.messageTraceId(), t);
                joinedFrom.put(t.messageTraceId(), 0L);
            });
        }

        void apply(HopJoins joins) {
            for (JoinedTrace j : joins.joined()) {
                String id = j.trace().messageTraceId();
                if (j.builtFrom() >= joinedFrom.getOrDefault(id, 0L)) {
                    traces.put(id, j.trace());
                    joinedFrom.put(id, j.builtFrom());
                }
            }
            joins.deleted().forEach(id -> {
                traces.remove(id);
                joinedFrom.remove(id);
            });
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
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        c.recordHops();
        hubLines().forEach(e -> c.accept(e, Events.POSTFIX));
        c.drainChanges();

        HopRecord r = c.drainHopRecords().get(0);
        assertThat(r.inbound().queueId()).isEqualTo("BBB222");
        assertThat(r.outbound()).extracting(k -> k.queueId()).containsExactly("CCC333");
        assertThat(r.queueIds()).containsExactly("BBB222", "CCC333");
        assertThat(c.drainHopRecords()).isEmpty();
    }

    /**
     * Two processes following live logs: each re-stores its half as it grows, and each joins its own
     * newest record with the other's older one. Whichever of those joins lands last, and even when
     * one built from both older records lands after the one built from both newest, the stored
     * trace is the join of the newest records: what one correlator reading both hosts makes.
     */
    @Test
    void aJoinBuiltFromOlderRecordsNeverReplacesOneBuiltFromNewerOnes() {
        List<MailEvent> submitAll = submitLines();
        List<MailEvent> hubAll = hubLines().subList(0, 3); // the hub's half up to its queue manager line
        Correlator submitSide = new Correlator(SETTINGS, Formats.allRules());
        Correlator hubSide = new Correlator(SETTINGS, Formats.allRules());
        submitSide.recordHops();
        hubSide.recordHops();
        submitAll.subList(0, 4).forEach(e -> submitSide.accept(e, Events.POSTFIX)); // sent, not yet removed
        hubAll.subList(0, 2).forEach(e -> hubSide.accept(e, Events.POSTFIX));
        SharedStore shared = new SharedStore();
        shared.apply(submitSide.drainChanges());
        shared.apply(hubSide.drainChanges());
        HopRecord submitOld = submitSide.drainHopRecords().get(0);
        HopRecord hubOld = hubSide.drainHopRecords().get(0);

        submitSide.accept(submitAll.get(4), Events.POSTFIX);
        hubSide.accept(hubAll.get(2), Events.POSTFIX);
        submitSide.drainChanges();
        hubSide.drainChanges();
        HopRecord submitNew = submitSide.drainHopRecords().get(0);
        HopRecord hubNew = hubSide.drainHopRecords().get(0);

        JoinedTrace bothOld = single(submitSide.joinHops(List.of(submitOld), List.of(hubOld)));
        JoinedTrace submitsView = single(submitSide.joinHops(List.of(submitNew), List.of(hubOld)));
        JoinedTrace hubsView = single(hubSide.joinHops(List.of(hubNew), List.of(submitOld)));
        JoinedTrace bothNew = single(hubSide.joinHops(List.of(hubNew), List.of(submitNew)));
        assertThat(bothNew.builtFrom()).isGreaterThan(submitsView.builtFrom()).isGreaterThan(bothOld.builtFrom());
        assertThat(bothNew.builtFrom()).isGreaterThan(hubsView.builtFrom()).isGreaterThan(bothOld.builtFrom());
        assertThat(single(submitSide.joinHops(List.of(submitNew), List.of(hubNew)))).isEqualTo(bothNew);

        List<MailEvent> all = new ArrayList<>(submitAll);
        all.addAll(hubAll);
        all.sort(java.util.Comparator.comparing(e -> e.meta().time()));
        Run one = new Run(new Correlator(SETTINGS, Formats.allRules()));
        one.feed(all);
        assertThat(one.store.values()).containsExactly(bothNew.trace());

        for (List<JoinedTrace> landing : List.of(
                List.of(bothNew, submitsView, hubsView, bothOld),
                List.of(submitsView, bothNew, bothOld, hubsView),
                List.of(hubsView, submitsView, bothNew, bothOld))) {
            SharedStore store = new SharedStore();
            shared.traces.forEach((id, t) -> store.traces.put(id, t));
            String hubTraceId = hubNew.traceId();
            for (JoinedTrace j : landing) {
                store.apply(new HopJoins(List.of(j), java.util.Set.of(hubTraceId)));
            }
            assertThat(store.traces.values()).as("joins landing as %s", landing.stream().map(JoinedTrace::builtFrom).toList())
                    .containsExactly(bothNew.trace());
        }
    }

    private static JoinedTrace single(HopJoins joins) {
        assertThat(joins.joined()).hasSize(1);
        return joins.joined().get(0);
    }

    @Test
    void withoutRecordHopsNoRecordIsMade() {
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        hubLines().forEach(e -> c.accept(e, Events.POSTFIX));
        c.drainChanges();

        assertThat(c.drainHopRecords()).isEmpty();
    }
}
