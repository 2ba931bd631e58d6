package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.IngestCheckpoint;
import org.mailtrace.store.SourcePosition;
import org.mailtrace.store.StoreException;

/**
 * A commit writes its checkpoint only after every bulk request before it succeeded, against a
 * cluster played on loopback ({@link PlayedCluster}) that refuses chosen bulk items.
 */
class OpenSearchTraceStoreCommitOrderTest {
    private static final String CHECKPOINT = "PUT /mt-state/_doc/checkpoint";

    private PlayedCluster cluster;
    private OpenSearchTraceStore store;

    @BeforeEach
    void open() throws Exception {
        cluster = new PlayedCluster();
        store = OpenSearchTraceStore.open(new OpenSearchSettings(cluster.url(), null, null, null, "mt", 1, 0, 5000,
                8 * 1024 * 1024, 2, Duration.ofSeconds(5)), false);
    }

    @AfterEach
    void close() {
        store.close();
        cluster.close();
    }

    private static MessageTrace twoRecipients(String id) {
        return trace(id).received(T0).recipient("a@example.org", DeliveryStatus.Delivered)
                .recipient("b@example.org", DeliveryStatus.Delivered).build();
    }

    private static IngestCheckpoint at(long offset) {
        return new IngestCheckpoint(Map.of("/var/log/mail.log", new SourcePosition("/var/log/mail.log", "inode-1", offset, 10)),
                (String) null);
    }

    @Test
    void aDocumentRefusedForGoodFailsTheCommitAndLeavesTheCheckpointUnwritten() {
        String daily = "mt-traces-2024.03.01";
        cluster.answerItems((item, tries) -> item.index().equals(daily) && item.id().equals("t1#1") ? 400 : 201);

        assertThatThrownBy(() -> store.commit(List.of(twoRecipients("t1")), List.of(), at(4096)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("OpenSearch refused document " + daily + "/")
                .hasMessageContaining("400 mapper_parsing_exception")
                .hasMessageContaining("the checkpoint was not advanced");

        assertThat(cluster.bulks()).as("refused for good: not sent again").hasSize(1);
        assertThat(cluster.requests()).doesNotContain(CHECKPOINT).noneMatch(r -> r.startsWith("PUT /mt-state/_doc/"));
        assertThat(store.checkpoint().positions()).isEmpty();
    }

    @Test
    void itemsRefusedWith429AreWrittenBeforeTheCheckpointWhichFollowsTheLastBulk() {
        cluster.answerItems((item, tries) -> tries == 0 && item.id().equals("t1#1") ? 429 : 201);

        store.commit(List.of(twoRecipients("t1")), List.of(), at(4096));

        List<List<PlayedCluster.Item>> bulks = cluster.bulks();
        assertThat(bulks).hasSize(2);
        assertThat(bulks.get(1)).isNotEmpty().allSatisfy(i -> assertThat(i.id()).isEqualTo("t1#1"));
        assertThat(cluster.written()).allSatisfy((doc, times) -> assertThat(times).as(doc).isEqualTo(1));
        assertThat(cluster.written().keySet()).containsAll(bulks.get(0).stream().map(PlayedCluster.Item::doc).toList());
        List<String> requests = cluster.requests();
        assertThat(requests.indexOf(CHECKPOINT)).isGreaterThan(requests.lastIndexOf("POST /_bulk"));
        assertThat(store.checkpoint().positions().get("/var/log/mail.log").offset()).isEqualTo(4096);
    }
}
