package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.TraceQuery;

/** What the OpenSearch store does in the cluster: index layout, re-ingest, retention, batching, template, checkpoint. */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchTraceStoreTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String prefix = "ost-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    private final List<OpenSearchTraceStore> opened = new ArrayList<>();

    private OpenSearchSettings settings() {
        return OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
    }

    private OpenSearchTraceStore open(OpenSearchSettings s) {
        OpenSearchTraceStore store = OpenSearchTraceStore.open(s, false);
        opened.add(store);
        return store;
    }

    private ClusterClient cluster() {
        return new ClusterClient(settings());
    }

    private long docs(String index, String kind) {
        ClusterClient.Response r = cluster().send("POST", "/" + index + "/_count?ignore_unavailable=true",
                Json.obj("query", Json.term("kind", kind)));
        return r.ok() ? r.body().path("count").asLong() : -1;
    }

    private List<String> indices() {
        List<String> out = new ArrayList<>();
        for (JsonNode i : cluster().expectOk("GET", "/_cat/indices/" + prefix + "-*?format=json&h=index&s=index", null)) {
            out.add(i.path("index").asText());
        }
        return out;
    }

    @AfterEach
    void drop() {
        opened.forEach(OpenSearchTraceStore::close);
        cluster().send("DELETE", "/" + prefix + "-*", null);
        cluster().send("DELETE", "/_index_template/" + prefix + "-traces", null);
    }

    @Test
    void tracesLandInTheDailyIndexOfTheirReceivedDayBehindTheAlias() {
        OpenSearchTraceStore store = open(settings());
        store.commit(List.of(trace("d1").received(T0).build(), trace("d2").received(T0.plusSeconds(86_400)).build()), List.of(), null);
        assertThat(indices()).containsExactly(prefix + "-traces-2024.03.01", prefix + "-traces-2024.03.02");
        JsonNode aliases = cluster().expectOk("GET", "/_alias/" + prefix + "-traces", null);
        assertThat(aliases.has(prefix + "-traces-2024.03.01")).isTrue();
        assertThat(aliases.has(prefix + "-traces-2024.03.02")).isTrue();
        assertThat(docs(prefix + "-traces-2024.03.01", "row")).isEqualTo(1);
        assertThat(docs(prefix + "-traces-2024.03.01", "trace")).isEqualTo(1);
    }

    @Test
    void storingATraceAgainUnderAnotherDayLeavesNoCopyInTheOldDay() {
        OpenSearchTraceStore store = open(settings());
        store.commit(List.of(trace("t1").received(T0).recipient("a@x.org", org.mailtrace.model.DeliveryStatus.Pending)
                .recipient("b@x.org", org.mailtrace.model.DeliveryStatus.Pending).build()), List.of(), null);
        MessageTrace moved = trace("t1").received(T0.plusSeconds(86_400)).build();
        store.commit(List.of(moved), List.of(), null);
        store.commit(List.of(moved), List.of(), null);
        assertThat(docs(prefix + "-traces-2024.03.01", "row") + docs(prefix + "-traces-2024.03.01", "trace")).isZero();
        assertThat(store.count(TraceQuery.all())).isEqualTo(1);
        assertThat(store.get("t1")).contains(moved);
    }

    @Test
    void retentionDropsWholeDaysAndTrimsTheDayOfTheCutoff() {
        OpenSearchTraceStore store = open(settings());
        store.commit(List.of(trace("day1").received(T0).build(),
                trace("day2-early").received(T0.plusSeconds(86_400)).build(),
                trace("day2-late").received(T0.plusSeconds(86_400 + 7_200)).build()), List.of(), null);
        assertThat(store.deleteReceivedBefore(T0.plusSeconds(86_400 + 3_600))).isEqualTo(2);
        assertThat(indices()).containsExactly(prefix + "-traces-2024.03.02");
        assertThat(docs(prefix + "-traces-2024.03.02", "trace")).isEqualTo(1);
        assertThat(store.get("day2-late")).isPresent();
    }

    @Test
    void smallBulkBatchesStillWriteEveryDocument() {
        OpenSearchSettings s = settings();
        OpenSearchTraceStore store = open(new OpenSearchSettings(s.url(), null, null, null, prefix, 1, 0, 3, 1024, 2,
                s.requestTimeout()));
        List<MessageTrace> traces = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            traces.add(trace("b" + i).received(T0.plusSeconds(i)).build());
        }
        store.commit(traces, List.of(), null);
        assertThat(store.count(TraceQuery.all())).isEqualTo(25);
    }

    @Test
    void aNewerTemplateVersionIsLeftAloneAndAnOlderOneReplaced() {
        TraceIndices names = new TraceIndices(prefix);
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) TraceIndexTemplate.body(names, settings());
        body.put("version", 99);
        cluster().expectOk("PUT", "/_index_template/" + names.template(), body);
        open(settings());
        assertThat(installedVersion(names)).isEqualTo(99);
        body.put("version", 0);
        cluster().expectOk("PUT", "/_index_template/" + names.template(), body);
        open(settings());
        assertThat(installedVersion(names)).isEqualTo(TraceIndexTemplate.version(names, settings()));
    }

    private int installedVersion(TraceIndices names) {
        return cluster().expectOk("GET", "/_index_template/" + names.template(), null)
                .path("index_templates").path(0).path("index_template").path("version").asInt();
    }

    /** A join built from {@code builtFrom}: more recipients the more it was built from, as a growing message has. */
    private static org.mailtrace.store.JoinedTrace joinedFrom(int builtFrom) {
        var b = trace("j1").received(T0).subject("built from " + builtFrom);
        for (int r = 0; r <= builtFrom / 8; r++) {
            b.recipient("r" + r + "@x.org", org.mailtrace.model.DeliveryStatus.Delivered);
        }
        return new org.mailtrace.store.JoinedTrace(b.build(), builtFrom);
    }

    /**
     * Two ingest processes storing joins of one message at the same moments, each from newer
     * records than its last: their conditional writes race on the same documents (some lose on
     * {@code if_seq_no} and are decided again), and the store ends with the join built from most,
     * its rows and no others, whichever landed last.
     */
    @Test
    void twoWritersJoiningOneMessageAtOnceEndWithTheJoinBuiltFromMost() throws Exception {
        OpenSearchTraceStore mx1 = OpenSearchTraceStore.open(settings(), false, "mx1");
        OpenSearchTraceStore hub = OpenSearchTraceStore.open(settings(), false, "hub");
        opened.add(mx1);
        opened.add(hub);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                OpenSearchTraceStore store = side == 0 ? mx1 : hub;
                int first = side;
                done.add(pool.submit(() -> {
                    for (int m = first; m < 40; m += 2) {
                        together.await();
                        // Each side also lands an older join of the other's after its newer one.
                        store.hopDirectory().orElseThrow().upsertJoined(List.of(joinedFrom(m), joinedFrom(Math.max(0, m - 3))));
                        store.commit(List.of(), List.of(), null);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        MessageTrace most = joinedFrom(39).trace();
        assertThat(mx1.get("j1")).contains(most);
        assertThat(hub.search(TraceQuery.all(), null, 100).rows()).containsExactlyElementsOf(most.rows());
        assertThat(docs(prefix + "-traces-*", "row")).isEqualTo(most.rows().size());
    }

    @Test
    void aCheckpointReplacesThePreviousStateChunks() throws Exception {
        OpenSearchTraceStore store = open(settings());
        store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "s".repeat(2 * 1024 * 1024 + 10)));
        cluster().expectOk("POST", "/" + prefix + "-state/_refresh", null);
        assertThat(docs(prefix + "-state", "state")).isEqualTo(3);
        store.commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "small"));
        cluster().expectOk("POST", "/" + prefix + "-state/_refresh", null);
        assertThat(docs(prefix + "-state", "state")).isEqualTo(1);
        assertThat(store.checkpoint().correlatorState().text()).isEqualTo("small");
    }

    @Test
    void ingestProcessesWithWriterNamesKeepTheirOwnCheckpointsInOneStore() throws Exception {
        OpenSearchTraceStore mx1 = OpenSearchTraceStore.open(settings(), false, "mx1");
        OpenSearchTraceStore mx2 = OpenSearchTraceStore.open(settings(), false, "mx2");
        opened.add(mx1);
        opened.add(mx2);
        SourcePosition p1 = new SourcePosition("/var/log/mail.log", "mx1-id", 100, 10);
        SourcePosition p2 = new SourcePosition("/var/log/mail.log", "mx2-id", 200, 20);
        mx1.commit(List.of(), List.of(), new IngestCheckpoint(Map.of("mx1-id", p1), "state of mx1"));
        mx2.commit(List.of(), List.of(), new IngestCheckpoint(Map.of("mx2-id", p2), "state of mx2"));
        mx1.commit(List.of(), List.of(), new IngestCheckpoint(Map.of("mx1-id", p1), "state of mx1, again"));
        assertThat(OpenSearchTraceStore.open(settings(), true, "mx1").checkpoint().positions()).containsOnlyKeys("mx1-id");
        assertThat(OpenSearchTraceStore.open(settings(), true, "mx2").checkpoint().correlatorState().text()).isEqualTo("state of mx2");
        assertThat(OpenSearchTraceStore.open(settings(), true, "mx1").checkpoint().correlatorState().text())
                .isEqualTo("state of mx1, again");
        assertThat(OpenSearchTraceStore.open(settings(), true).checkpoint().positions()).isEmpty();
    }

    @Test
    void aStoreGivenADeadNodeBesideALiveOneWritesAndSearchesThroughTheLiveOne() throws Exception {
        java.net.URI dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = java.net.URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        OpenSearchSettings s = settings();
        try (ClientWarnings log = new ClientWarnings()) {
            OpenSearchTraceStore store = open(new OpenSearchSettings(List.of(dead, OpenSearchNodeExtension.url()), null, null, null,
                    prefix, 1, 0, s.bulkMaxDocs(), s.bulkMaxBytes(), 0, s.requestTimeout()));
            store.commit(List.of(trace("f1").received(T0).build(), trace("f2").received(T0.plusSeconds(5)).build()), List.of(),
                    new IngestCheckpoint(Map.of(), "state"));
            assertThat(store.count(TraceQuery.all())).isEqualTo(2);
            assertThat(store.search(TraceQuery.all(), null, 10).rows()).hasSize(2);
            assertThat(store.get("f1")).isPresent();
            assertThat(store.checkpoint().correlatorState().text()).isEqualTo("state");
            assertThat(log.containing("skipped")).singleElement().asString()
                    .startsWith("OpenSearch node " + dead + " skipped:")
                    .contains("sending it to " + OpenSearchNodeExtension.url());
        }
    }
}
