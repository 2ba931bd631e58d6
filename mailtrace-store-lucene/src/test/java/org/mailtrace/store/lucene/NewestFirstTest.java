package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;

/**
 * Paging through results that span many newest-first slices gives exactly the rows, in exactly the
 * order, of the whole range sorted at once.
 */
class NewestFirstTest {
    private static final Instant DAY = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path dir;
    private final List<MessageTrace> traces = new ArrayList<>();

    @BeforeEach
    void fillAStoreWithADayOfTracesInSeveralSegments() {
        Random random = new Random(7);
        DeliveryStatus[] statuses = {DeliveryStatus.Delivered, DeliveryStatus.Failed, DeliveryStatus.Pending};
        for (int i = 0; i < 600; i++) {
            // Ingest order is roughly time order, with ties and a few late arrivals, as in a real log.
            long second = i * 140L + random.nextInt(300) - (i % 50 == 0 ? 20_000 : 0);
            List<RecipientOutcome> rcpts = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(3); r++) {
                rcpts.add(new RecipientOutcome(r == 0 && i % 7 == 0 ? "rare@example.org" : "user" + random.nextInt(20) + "@example.org",
                        statuses[random.nextInt(statuses.length)], "192.0.2.1", Direction.Inbound, null));
            }
            traces.add(new MessageTrace("t" + (1000 + random.nextInt(9000)) + "-" + i,
                    DAY.plusSeconds(Math.max(0, second - second % 3)), "s@example.com", "subject " + i, "<m" + i + "@x>",
                    "192.0.2.9", 100L, List.of("mx1"), List.of("Q" + i), rcpts, List.of(), List.of()));
        }
        try (TraceStore store = LuceneTraceStore.openWritable(dir)) {
            for (int from = 0; from < traces.size(); from += 97) {
                store.commit(traces.subList(from, Math.min(traces.size(), from + 97)), List.of(), null);
            }
        }
    }

    @Test
    void pagingThroughEveryRowMatchesOneSortOfTheWholeRange() {
        assertPagesMatch(TraceQuery.all(), r -> true);
    }

    @Test
    void pagingThroughAStatusMatchesOneSortOfTheWholeRange() {
        assertPagesMatch(TraceQuery.builder().statuses(Set.of(DeliveryStatus.Failed)).build(),
                r -> r.status() == DeliveryStatus.Failed);
    }

    @Test
    void pagingThroughAWindowHonoursBothEdgesExactly() {
        Instant start = DAY.plus(Duration.ofHours(3)).plusSeconds(3);
        Instant end = DAY.plus(Duration.ofHours(9)).plusSeconds(6);
        assertPagesMatch(TraceQuery.builder().start(start).end(end).build(),
                r -> !r.received().isBefore(start) && r.received().isBefore(end));
    }

    @Test
    void pagingThroughARareRecipientMatchesOneSortOfTheWholeRange() {
        assertPagesMatch(TraceQuery.builder().recipients(List.of("rare@example.org")).build(),
                r -> "rare@example.org".equals(r.recipientAddress()));
    }

    @Test
    void aWindowBeforeEveryRowIsEmpty() {
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            TracePage page = store.search(TraceQuery.builder().start(DAY.minusSeconds(100)).end(DAY).build(), null, 10);
            assertThat(page.rows()).isEmpty();
            assertThat(page.next()).isNull();
        }
    }

    private void assertPagesMatch(TraceQuery query, Predicate<TraceRow> matches) {
        List<TraceRow> expected = traces.stream()
                .flatMap(t -> t.rows().stream()).filter(matches).sorted(rowOrder()).toList();
        try (TraceStore store = LuceneTraceStore.openReadOnly(dir)) {
            List<TraceRow> unsliced = store.search(query, null, 100_000).rows();
            for (int limit : new int[] {1, 7, 100}) {
                List<TraceRow> paged = new ArrayList<>();
                String cursor = null;
                do {
                    TracePage page = store.search(query, cursor, limit);
                    assertThat(page.rows()).hasSizeLessThanOrEqualTo(limit);
                    paged.addAll(page.rows());
                    cursor = page.next();
                } while (cursor != null);
                assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(expected);
            }
            assertThat(unsliced).containsExactlyElementsOf(expected);
            assertThat(expected).isNotEmpty();
        }
    }

    /** ROW_ORDER in Java: received descending, trace ID, recipient, row index (all ASCII here). */
    private Comparator<TraceRow> rowOrder() {
        return Comparator.comparing(TraceRow::received).reversed()
                .thenComparing(TraceRow::messageTraceId)
                .thenComparing(TraceRow::recipientAddress)
                .thenComparing(r -> rowIndex(r));
    }

    private int rowIndex(TraceRow row) {
        for (MessageTrace t : traces) {
            if (t.messageTraceId().equals(row.messageTraceId())) {
                return t.rows().indexOf(row);
            }
        }
        throw new AssertionError(row.messageTraceId());
    }
}
