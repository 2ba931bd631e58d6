package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.state.StateDocuments;
import org.mailtrace.state.StateStores;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;

/**
 * The {@link StateDocuments} contract on a real node, with two clients standing for two servers:
 * what one writes the other reads at once (by ID and by search), races are decided by the cluster.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchStateDocumentsTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String prefix = "osd-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();

    private StateDocuments open() {
        // Through the ServiceLoader, as serve opens it.
        return StateStores.open(new StoreLocation("opensearch", OpenSearchNodeExtension.url().toString()),
                StoreOptions.of(false).withIndexPrefix(prefix)).orElseThrow();
    }

    private static JsonNode json(Object... kv) {
        return Json.obj(kv);
    }

    @AfterEach
    void dropIndices() {
        new ClusterClient(OpenSearchSettings.of(OpenSearchNodeExtension.url())).send("DELETE", "/" + prefix + "-*", null);
    }

    @Test
    void whatOneClientWritesTheOtherReadsAtOnceByIdAndBySearch() {
        try (StateDocuments a = open(); StateDocuments b = open()) {
            String alice = "alice@example.org"; // an OIDC user name: '@' and '.' in the ID
            assertThat(b.get("accounts", alice)).isEmpty();
            assertThat(b.all("accounts")).isEmpty();
            assertThat(a.create("accounts", alice, json("name", alice), Set.of("hash-1", "hash-2"))).isTrue();
            assertThat(b.get("accounts", alice)).get().extracting(d -> d.source().path("name").asText()).isEqualTo(alice);
            assertThat(b.all("accounts")).extracting(StateDocuments.Document::id).containsExactly(alice);
            assertThat(b.findByKey("accounts", "hash-2")).extracting(StateDocuments.Document::id).containsExactly(alice);
            assertThat(b.findByKey("accounts", "hash-3")).isEmpty();
            assertThat(b.delete("accounts", alice)).isTrue();
            assertThat(a.get("accounts", alice)).isEmpty();
            assertThat(a.findByKey("accounts", "hash-2")).isEmpty();
            assertThat(a.delete("accounts", alice)).isFalse();
        }
    }

    @Test
    void ofTwoCreatesOfOneIdExactlyOneWins() throws Exception {
        try (StateDocuments a = open(); StateDocuments b = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    StateDocuments client = i % 2 == 0 ? a : b;
                    int n = i;
                    results.add(pool.submit((Callable<Boolean>) () -> client.create("accounts", "admin", json("by", n), Set.of())));
                }
                int won = 0;
                for (Future<Boolean> f : results) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aReplaceWithAStaleVersionChangesNothing() {
        try (StateDocuments a = open(); StateDocuments b = open()) {
            a.create("accounts", "bob", json("role", "viewer"), Set.of());
            StateDocuments.Document seenByA = a.get("accounts", "bob").orElseThrow();
            StateDocuments.Document seenByB = b.get("accounts", "bob").orElseThrow();
            assertThat(b.replace("accounts", "bob", json("role", "admin"), Set.of("t1"), seenByB.version())).isTrue();
            assertThat(a.replace("accounts", "bob", json("role", "helpdesk"), Set.of(), seenByA.version())).isFalse();
            assertThat(a.get("accounts", "bob").orElseThrow().source().path("role").asText()).isEqualTo("admin");
            assertThat(a.findByKey("accounts", "t1")).hasSize(1);
            b.delete("accounts", "bob");
            StateDocuments.Document gone = seenByB;
            assertThat(a.replace("accounts", "bob", json("role", "x"), Set.of(), gone.version())).isFalse();
            assertThat(a.get("accounts", "bob")).isEmpty();
        }
    }

    @Test
    void appendsOfTwoClientsGetUniqueNumbersAndReadNewestFirstInPages() throws Exception {
        try (StateDocuments a = open(); StateDocuments b = open()) {
            List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    StateDocuments client = i % 2 == 0 ? a : b;
                    int n = i;
                    done.add(pool.submit(() -> seqs.add(client.append("audit", seq -> json("n", n, "seq", seq)))));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(Set.copyOf(seqs)).hasSize(40);
            List<StateDocuments.Document> first = b.newestFirst("audit", 0, 25);
            assertThat(first).hasSize(25);
            List<StateDocuments.Document> rest = a.newestFirst("audit", StateDocuments.seqOf(first.get(24)), 25);
            assertThat(rest).hasSize(15);
            List<Long> read = new ArrayList<>();
            first.forEach(d -> read.add(StateDocuments.seqOf(d)));
            rest.forEach(d -> read.add(StateDocuments.seqOf(d)));
            List<Long> expected = new ArrayList<>(seqs);
            expected.sort(Collections.reverseOrder());
            assertThat(read).isEqualTo(expected);
            assertThat(first.get(0).source().path("seq").asLong()).isEqualTo(read.get(0));
        }
    }

    @Test
    void aLogNeverWrittenReadsEmpty() {
        try (StateDocuments a = open()) {
            assertThat(a.newestFirst("audit", 0, 10)).isEmpty();
            assertThat(a.all("saved-queries")).isEmpty();
            assertThat(a.get("sessions", "x")).isEmpty();
        }
    }
}
