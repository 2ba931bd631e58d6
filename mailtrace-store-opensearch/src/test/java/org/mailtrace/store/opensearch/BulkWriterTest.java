package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrace.store.StoreException;

/**
 * Bulk requests answered 200 with some items refused ({@code errors: true}), by a cluster played
 * on loopback ({@link PlayedCluster}): what is sent again, what is not, and when the write fails.
 */
class BulkWriterTest {
    private static final String INDEX = "mt-traces-2024.03.01";

    private PlayedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new PlayedCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private OpenSearchSettings settings(int bulkDocs, int retries) {
        return new OpenSearchSettings(cluster.url(), null, null, null, "mt", 1, 0, bulkDocs, 1024 * 1024, retries,
                Duration.ofSeconds(5));
    }

    private static void indexDocs(BulkWriter bulk, String... ids) {
        for (String id : ids) {
            bulk.index(INDEX, id, Json.obj("kind", "row", "traceId", id));
        }
    }

    private static List<String> ids(List<PlayedCluster.Item> items) {
        return items.stream().map(PlayedCluster.Item::id).toList();
    }

    @Test
    void onlyTheItemsRefusedWith429AreSentAgainAndEveryDocumentIsWrittenOnce() {
        // d2 and d5 meet a full write queue the first time; one request holds at most 4 actions.
        cluster.answerItems((item, tries) -> Set.of("d2", "d5").contains(item.id()) && tries == 0 ? 429
                : item.action().equals("delete") ? 404 : 201);
        ClusterClient client = new ClusterClient(settings(4, 3));
        BulkWriter bulk = new BulkWriter(client, settings(4, 3));
        indexDocs(bulk, "d1", "d2", "d3", "d4", "d5");
        bulk.delete(INDEX, "gone");

        assertThat(bulk.flush()).isEqualTo(6);
        assertThat(client.meters().bulkRequests.sum()).isEqualTo(4);
        assertThat(client.meters().bulkDocuments.sum()).as("4 + 1 + 2 + 1 actions sent").isEqualTo(8);
        assertThat(client.meters().bulkItemRetries.sum()).isEqualTo(2);
        assertThat(client.meters().bulkNanos.sum()).isPositive();

        assertThat(cluster.bulks()).extracting(BulkWriterTest::ids).containsExactly(
                List.of("d1", "d2", "d3", "d4"), List.of("d2"), List.of("d5", "gone"), List.of("d5"));
        assertThat(cluster.written()).isEqualTo(Map.of(INDEX + "/d1", 1, INDEX + "/d2", 1, INDEX + "/d3", 1,
                INDEX + "/d4", 1, INDEX + "/d5", 1));
        assertThat(cluster.document(INDEX + "/d2").path("traceId").asText()).isEqualTo("d2");
    }

    @Test
    void anItemStill429AfterTheRetriesFailsTheWriteNamingTheDocumentAndTheRestIsWrittenOnce() {
        cluster.answerItems((item, tries) -> item.id().equals("d2") ? 429 : 201);
        BulkWriter bulk = new BulkWriter(new ClusterClient(settings(10, 2)), settings(10, 2));
        indexDocs(bulk, "d1", "d2", "d3");

        assertThatThrownBy(bulk::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining("OpenSearch refused document " + INDEX + "/d2 (429 rejected_execution_exception")
                .hasMessageContaining("the checkpoint was not advanced");

        assertThat(cluster.bulks()).extracting(BulkWriterTest::ids)
                .containsExactly(List.of("d1", "d2", "d3"), List.of("d2"), List.of("d2"));
        assertThat(cluster.written()).isEqualTo(Map.of(INDEX + "/d1", 1, INDEX + "/d3", 1));
    }

    @Test
    void aWaitingClientSendsA429ItemAgainPastTheRetriesUntilTheClusterTakesIt() {
        cluster.answerItems((item, tries) -> item.id().equals("d2") && tries < 4 ? 429 : 201);
        OpenSearchSettings s = settings(10, 1);
        BulkWriter bulk = new BulkWriter(new ClusterClient(s).waiting(), s);
        indexDocs(bulk, "d1", "d2");

        assertThat(bulk.flush()).isEqualTo(2);

        assertThat(cluster.bulks()).extracting(BulkWriterTest::ids).containsExactly(
                List.of("d1", "d2"), List.of("d2"), List.of("d2"), List.of("d2"), List.of("d2"));
        assertThat(cluster.written()).isEqualTo(Map.of(INDEX + "/d1", 1, INDEX + "/d2", 1));
    }

    @Test
    void anItemWhosePrimaryShardIsNotActiveIsSentAgainLikeA429() {
        // The answer while a replica is promoted after its node died: 200, the item 503, not applied.
        cluster.answerItems((item, tries) -> item.id().equals("d1") && tries < 3 ? 503 : 201);
        OpenSearchSettings s = settings(10, 1);
        BulkWriter bulk = new BulkWriter(new ClusterClient(s).waiting(), s);
        indexDocs(bulk, "d1", "d2");

        assertThat(bulk.flush()).isEqualTo(2);

        assertThat(cluster.bulks()).extracting(BulkWriterTest::ids).containsExactly(
                List.of("d1", "d2"), List.of("d1"), List.of("d1"), List.of("d1"));
        assertThat(cluster.written()).isEqualTo(Map.of(INDEX + "/d1", 1, INDEX + "/d2", 1));
    }

    @Test
    void aMappingErrorFailsAtOnceWithTheClustersReasonAndNothingIsSentAgain() {
        cluster.answerItems((item, tries) -> item.id().equals("d2") ? 400 : 201);
        // Even a waiting client: a refused document is no outage, waiting would not change the answer.
        OpenSearchSettings s = settings(10, 3);
        BulkWriter bulk = new BulkWriter(new ClusterClient(s).waiting(), s);
        indexDocs(bulk, "d1", "d2", "d3");

        assertThatThrownBy(bulk::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining("OpenSearch refused document " + INDEX + "/d2 (400 mapper_parsing_exception: failed to"
                        + " parse field [received]");

        assertThat(cluster.bulks()).hasSize(1);
        assertThat(cluster.written()).doesNotContainKey(INDEX + "/d2");
    }
}
