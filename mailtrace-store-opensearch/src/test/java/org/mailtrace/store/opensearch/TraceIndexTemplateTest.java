package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/** What the daily indices get from the index template on a real node: shards and replicas from the options. */
@ExtendWith(OpenSearchNodeExtension.class)
class TraceIndexTemplateTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String prefix = "tit-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    private final List<TraceStore> opened = new ArrayList<>();

    /** A store opened as the CLI opens it: {@code --store opensearch:URL} and these MAILTRACE_STORE_* variables. */
    private TraceStore openAsTheCliDoes(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("MAILTRACE_STORE_INDEX_PREFIX", prefix);
        TraceStore store = new OpenSearchTraceStoreFactory().open(StoreLocation.parse("opensearch:" + OpenSearchNodeExtension.url()),
                StoreOptions.fromEnvironment(false, env));
        opened.add(store);
        return store;
    }

    private ClusterClient cluster() {
        return new ClusterClient(OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix));
    }

    /** {@code index.number_of_shards} and {@code index.number_of_replicas} of one index, from GET /INDEX/_settings. */
    private List<String> shardsAndReplicas(String index) {
        JsonNode settings = cluster().expectOk("GET", "/" + index + "/_settings", null).path(index).path("settings").path("index");
        return List.of(settings.path("number_of_shards").asText(), settings.path("number_of_replicas").asText());
    }

    @AfterEach
    void drop() {
        opened.forEach(TraceStore::close);
        cluster().send("DELETE", "/" + prefix + "-*", null);
        cluster().send("DELETE", "/_index_template/" + prefix + "-traces", null);
    }

    @Test
    void aDailyIndexCreatedAfterOpeningHasTheShardsAndReplicasOfTheEnvironment() {
        TraceStore store = openAsTheCliDoes(Map.of("MAILTRACE_STORE_SHARDS", "2", "MAILTRACE_STORE_REPLICAS", "0"));
        store.commit(List.of(trace("s1").received(T0).build()), List.of(), null);
        assertThat(shardsAndReplicas(prefix + "-traces-2024.03.01")).containsExactly("2", "0");
        assertThat(store.count(TraceQuery.all())).isEqualTo(1);
    }

    @Test
    void changedShardsApplyToTheNextDailyIndexWhileExistingOnesKeepTheirs() {
        TraceStore before = openAsTheCliDoes(Map.of("MAILTRACE_STORE_REPLICAS", "0"));
        before.commit(List.of(trace("day1").received(T0).build()), List.of(), null);
        before.close();
        TraceStore after = openAsTheCliDoes(Map.of("MAILTRACE_STORE_SHARDS", "3", "MAILTRACE_STORE_REPLICAS", "0",
                "MAILTRACE_STORE_BULK_DOCS", "1", "MAILTRACE_STORE_BULK_MB", "1"));
        after.commit(List.of(trace("day2").received(T0.plusSeconds(86_400)).build(),
                trace("day2b").received(T0.plusSeconds(86_500)).build()), List.of(), null);
        assertThat(shardsAndReplicas(prefix + "-traces-2024.03.01")).containsExactly("1", "0");
        assertThat(shardsAndReplicas(prefix + "-traces-2024.03.02")).containsExactly("3", "0");
        assertThat(after.count(TraceQuery.all())).isEqualTo(3);
    }
}
