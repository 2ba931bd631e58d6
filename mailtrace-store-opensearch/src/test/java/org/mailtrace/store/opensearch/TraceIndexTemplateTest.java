package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.StoreLocation;
import org.mailtrace.store.StoreOptions;
import org.mailtrace.store.StoreStats;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * What the daily indices get from the index template on a real node: shards and replicas from the
 * options, and the next release's template (a higher version, another field) leaving the days written
 * under the current one readable through the alias.
 */
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

    @Test
    void aWriterGivenNoShardsOrReplicasKeepsTheSizingAnotherWriterAskedFor() {
        TraceStore sized = openAsTheCliDoes(Map.of("MAILTRACE_STORE_SHARDS", "3", "MAILTRACE_STORE_REPLICAS", "0"));
        sized.commit(List.of(trace("day1").received(T0).build()), List.of(), null);
        sized.close();
        TraceStore plain = openAsTheCliDoes(Map.of());
        plain.commit(List.of(trace("day2").received(T0.plusSeconds(86_400)).build()), List.of(), null);
        assertThat(shardsAndReplicas(prefix + "-traces-2024.03.01")).containsExactly("3", "0");
        assertThat(shardsAndReplicas(prefix + "-traces-2024.03.02")).as("not put back to the defaults 1 and 1")
                .containsExactly("3", "0");
    }

    @Test
    void daysWrittenUnderTheCurrentTemplateStayReadableBesideDaysOfTheNextReleasesTemplate() {
        OpenSearchSettings settings = OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0);
        TraceIndices names = new TraceIndices(prefix);
        MessageTrace old1 = trace("old1").received(T0).sender("alice@old.example").subject("Invoice March")
                .recipient("bob@example.org", DeliveryStatus.Delivered).recipient("carol@example.org", DeliveryStatus.Failed).build();
        MessageTrace old2 = trace("old2").received(T0.plusSeconds(60)).subject("Invoice April").build();
        MessageTrace new1 = trace("new1").received(T0.plusSeconds(86_400)).sender("alice@old.example").subject("Invoice May").build();
        MessageTrace new2 = trace("new2").received(T0.plusSeconds(86_460)).subject("Minutes").build();
        TraceStore current = OpenSearchTraceStore.open(settings, false);
        opened.add(current);
        current.commit(List.of(old1, old2), List.of(), null);
        current.close();

        // The next release: its template has a higher version and maps one more field.
        int version = TraceIndexTemplate.version(names, settings);
        ObjectNode next = (ObjectNode) TraceIndexTemplate.body(names, settings).deepCopy();
        next.put("version", version + 1);
        ((ObjectNode) next.path("template").path("mappings").path("properties")).set("spamScore", Json.obj("type", "float"));
        TraceIndexTemplate.install(cluster(), names, next);
        assertThat(cluster().expectOk("GET", "/_index_template/" + names.template(), null).path("index_templates").path(0)
                .path("index_template").path("version").asInt()).isEqualTo(version + 1);

        TraceStore writer = OpenSearchTraceStore.open(settings, false);
        opened.add(writer);
        writer.commit(List.of(new1, new2), List.of(), null);
        assertThat(mappedFields(prefix + "-traces-2024.03.01")).as("an older day gets the fields a newer template adds")
                .contains("spamScore", "sender", "subject");
        assertThat(mappedFields(prefix + "-traces-2024.03.02")).contains("spamScore", "sender", "subject");
        assertThat(cluster().expectOk("GET", "/_index_template/" + names.template(), null).path("index_templates").path(0)
                .path("index_template").path("version").asInt()).as("the current release leaves the newer template alone")
                .isEqualTo(version + 1);

        TraceStore reader = OpenSearchTraceStore.open(settings, true);
        opened.add(reader);
        assertThat(reader.count(TraceQuery.all())).isEqualTo(5);
        assertThat(reader.get("old1")).contains(old1);
        assertThat(reader.get("new1")).contains(new1);
        assertThat(reader.findByMessageId(old2.messageId())).containsExactly(old2);
        TraceQuery fromAlice = TraceQuery.builder().senders(List.of("alice@old.example")).build();
        assertThat(rowsOf(reader, fromAlice)).extracting(TraceRow::messageTraceId, TraceRow::recipientAddress)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("old1", "bob@example.org"),
                        org.assertj.core.groups.Tuple.tuple("old1", "carol@example.org"),
                        org.assertj.core.groups.Tuple.tuple("new1", "bob@example.org"));
        TraceQuery invoices = TraceQuery.builder().subject("invoice", TraceQuery.SubjectMatch.STARTSWITH).build();
        assertThat(rowsOf(reader, invoices)).extracting(TraceRow::messageTraceId).containsExactlyInAnyOrder("old1", "old1", "old2", "new1");
        assertThat(rowsOf(reader, TraceQuery.all())).extracting(TraceRow::messageTraceId)
                .as("newest first, one row a page, across both days").containsExactly("new2", "new1", "old2", "old1", "old1");
        StoreStats stats = reader.aggregate(TraceQuery.all(), T0.minusSeconds(3_600), T0.plusSeconds(2 * 86_400),
                Duration.ofDays(1), 5);
        assertThat(stats.topSenders()).contains(new StoreStats.KeyCount("alice@old.example", 3));
        assertThat(stats.series().stream().mapToLong(b -> b.byStatus().values().stream().mapToLong(Long::longValue).sum()).sum())
                .isEqualTo(5);
    }

    /** Every row of a search, fetched one per page so the cursor crosses from one day's index to the other's. */
    private static List<TraceRow> rowsOf(TraceStore store, TraceQuery query) {
        List<TraceRow> rows = new ArrayList<>();
        String cursor = null;
        do {
            TracePage page = store.search(query, cursor, 1);
            rows.addAll(page.rows());
            cursor = page.next();
        } while (cursor != null);
        return rows;
    }

    private List<String> mappedFields(String index) {
        List<String> out = new ArrayList<>();
        cluster().expectOk("GET", "/" + index + "/_mapping", null).path(index).path("mappings").path("properties")
                .fieldNames().forEachRemaining(out::add);
        return out;
    }
}
