package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;

/**
 * Signed cursors on a real node: two installations (index prefixes) in one cluster refuse each
 * other's cursors, and any process of one installation pages the cursors of any other, because they
 * share the key kept in the cluster.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchCursorSigningTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String prefixA = "ossign-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + "-a";
    private final String prefixB = "ossign-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + "-b";
    private final List<OpenSearchTraceStore> opened = new ArrayList<>();

    @AfterEach
    void drop() {
        opened.forEach(OpenSearchTraceStore::close);
        for (String prefix : List.of(prefixA, prefixB)) {
            cluster().send("DELETE", "/" + prefix + "-*", null);
            cluster().send("DELETE", "/_index_template/" + prefix + "-traces", null);
        }
    }

    private static ClusterClient cluster() {
        return new ClusterClient(OpenSearchSettings.of(OpenSearchNodeExtension.url()));
    }

    private static OpenSearchSettings settings(String prefix) {
        return OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
    }

    private OpenSearchTraceStore open(String prefix, boolean readOnly) {
        OpenSearchTraceStore s = OpenSearchTraceStore.open(settings(prefix), readOnly);
        opened.add(s);
        return s;
    }

    /** Six traces a minute apart, newest t5; one row each. */
    private static void commitSix(OpenSearchTraceStore store) {
        List<MessageTrace> traces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            traces.add(trace("t" + i).received(T0.plusSeconds(i * 60L)).build());
        }
        store.commit(traces, List.of(), null);
    }

    private static List<String> ids(List<TraceRow> rows) {
        return rows.stream().map(TraceRow::messageTraceId).toList();
    }

    private static Set<String> openPits() {
        Set<String> out = new HashSet<>();
        for (JsonNode p : cluster().expectOk("GET", "/_search/point_in_time/_all", null).path("pits")) {
            out.add(p.path("pit_id").asText());
        }
        return out;
    }

    @Test
    void aCursorOfOneInstallationIsRefusedByAnotherInstallationOnTheSameCluster() {
        OpenSearchTraceStore a = open(prefixA, false);
        OpenSearchTraceStore b = open(prefixB, false);
        commitSix(a);
        commitSix(b);
        TracePage firstOfA = a.search(TraceQuery.all(), null, 2);
        assertThat(firstOfA.next()).isNotNull();
        Set<String> pitsBefore = openPits();

        assertThatThrownBy(() -> b.search(TraceQuery.all(), firstOfA.next(), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is not valid for this installation")
                .hasMessageContaining("restart the search from the first page");
        assertThat(openPits()).as("B neither used, renewed nor deleted A's point in time").isEqualTo(pitsBefore);

        TracePage secondOfA = a.search(TraceQuery.all(), firstOfA.next(), 2);
        assertThat(ids(secondOfA.rows())).as("A still pages its own cursor").containsExactly("t3", "t2");
        assertThat(secondOfA.next()).isNotNull();
    }

    @Test
    void aCursorMadeByOneStoreInstancePagesOnAnotherOfTheSameInstallationInItsPointInTime() {
        OpenSearchTraceStore writer = open(prefixA, false);
        OpenSearchTraceStore servingOne = open(prefixA, true);
        OpenSearchTraceStore servingTwo = open(prefixA, true);
        commitSix(writer);

        TracePage first = servingOne.search(TraceQuery.all(), null, 2);
        assertThat(ids(first.rows())).containsExactly("t5", "t4");
        Set<String> pits = openPits();
        // committed after the first page and sorting among the rows to come: the point in time hides it
        writer.commit(List.of(trace("late").received(T0.plusSeconds(150)).build()), List.of(), null);

        TracePage second = servingTwo.search(TraceQuery.all(), first.next(), 2);
        TracePage third = servingOne.search(TraceQuery.all(), second.next(), 2);
        assertThat(ids(second.rows())).containsExactly("t3", "t2");
        assertThat(ids(third.rows())).as("paged in the first page's point in time: 'late' does not show")
                .containsExactly("t1", "t0");
        assertThat(third.next()).isNull();
        assertThat(openPits()).as("the last page deleted the point in time the first one opened").isSubsetOf(pits);
    }

    @Test
    void processesCreatingTheKeyAtOnceAllUseTheOneTheClusterKept() throws Exception {
        int processes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        List<OpenSearchStateDocuments> states = new ArrayList<>();
        try {
            List<Future<CursorKey>> keys = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                OpenSearchStateDocuments state = new OpenSearchStateDocuments(settings(prefixA));
                states.add(state);
                Callable<CursorKey> task = () -> {
                    start.await();
                    return CursorKeyDocument.readOrCreate(state, prefixA);
                };
                keys.add(pool.submit(task));
            }
            start.countDown();
            byte[] kept;
            try (OpenSearchStateDocuments state = new OpenSearchStateDocuments(settings(prefixA))) {
                byte[] first = keys.get(0).get().secret();
                kept = CursorKeyDocument.readOrCreate(state, prefixA).secret();
                assertThat(first).isEqualTo(kept);
            }
            for (Future<CursorKey> k : keys) {
                assertThat(k.get().secret()).isEqualTo(kept);
            }
        } finally {
            pool.shutdownNow();
            states.forEach(OpenSearchStateDocuments::close);
        }
        assertThat(cluster().expectOk("GET", "/" + prefixA + "-secrets/_count", null).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void aReadOnlyStoreThatGivesNoCursorCreatesNoKey() {
        OpenSearchTraceStore reader = open(prefixB, true);
        TracePage page = reader.search(TraceQuery.all(), null, 10);
        assertThat(page.rows()).isEmpty();
        assertThat(cluster().send("HEAD", "/" + prefixB + "-secrets", null).status()).isEqualTo(404);
    }
}
