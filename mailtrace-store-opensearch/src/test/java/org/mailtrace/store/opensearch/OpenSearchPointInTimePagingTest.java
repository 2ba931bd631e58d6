package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TracePage;
import org.mailtrace.store.TraceQuery;
import org.slf4j.LoggerFactory;

/** Cursor paging in a point in time on a real node: a snapshot per cursor, and the fallback when the PIT is gone. */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchPointInTimePagingTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final String prefix = "ospit-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    private final Logger pitLog = (Logger) LoggerFactory.getLogger(PointInTime.class);
    private final ListAppender<ILoggingEvent> debug = new ListAppender<>();
    private OpenSearchTraceStore store;
    private Level level;

    @BeforeEach
    void open() {
        store = OpenSearchTraceStore.open(OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix).withReplicas(0), false);
        level = pitLog.getLevel();
        pitLog.setLevel(Level.DEBUG);
        debug.start();
        pitLog.addAppender(debug);
    }

    @AfterEach
    void drop() {
        pitLog.detachAppender(debug);
        pitLog.setLevel(level);
        store.close();
        cluster().send("DELETE", "/" + prefix + "-*", null);
        cluster().send("DELETE", "/_index_template/" + prefix + "-traces", null);
    }

    private ClusterClient cluster() {
        return new ClusterClient(OpenSearchSettings.of(OpenSearchNodeExtension.url()));
    }

    /** Six traces a minute apart over two days (two daily indices), newest t5; one row each. */
    private void commitSix() {
        List<MessageTrace> traces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            traces.add(trace("t" + i).received(T0.plusSeconds(i * 60L + (i < 3 ? 0 : 86_400))).build());
        }
        store.commit(traces, List.of(), null);
    }

    /** The point-in-time ID a cursor of this store names, read with the installation's key from the cluster. */
    private String pitOf(String cursor) {
        try (OpenSearchStateDocuments state = new OpenSearchStateDocuments(OpenSearchSettings.of(OpenSearchNodeExtension.url()).withIndexPrefix(prefix))) {
            return RowCursor.decode(cursor, CursorKeyDocument.readOrCreate(state, prefix)).pitId();
        }
    }

    private static List<String> ids(List<TraceRow> rows) {
        return rows.stream().map(TraceRow::messageTraceId).toList();
    }

    private Set<String> openPits() {
        Set<String> out = new HashSet<>();
        for (JsonNode p : cluster().expectOk("GET", "/_search/point_in_time/_all", null).path("pits")) {
            out.add(p.path("pit_id").asText());
        }
        return out;
    }

    @Test
    void rowsCommittedAfterTheFirstPageDoNotShowInLaterPagesOfThatCursorButInANewSearch() {
        commitSix();
        TracePage first = store.search(TraceQuery.all(), null, 2);
        assertThat(ids(first.rows())).containsExactly("t5", "t4");
        String pit = pitOf(first.next());
        assertThat(pit).as("a full first page opens a point in time").isNotNull();
        assertThat(openPits()).contains(pit);

        // one sorts after the cursor (older than t4, newer than t3), one among the rows not yet paged, one newest
        store.commit(List.of(trace("late-between").received(T0.plusSeconds(86_400 + 3 * 60 + 30)).build(),
                trace("late-old").received(T0.minusSeconds(60)).build(),
                trace("late-new").received(T0.plusSeconds(2 * 86_400)).build()), List.of(), null);

        List<String> rest = new ArrayList<>();
        String cursor = first.next();
        while (cursor != null) {
            TracePage page = store.search(TraceQuery.all(), cursor, 2);
            rest.addAll(ids(page.rows()));
            cursor = page.next();
        }
        assertThat(rest).containsExactly("t3", "t2", "t1", "t0");
        assertThat(openPits()).as("the last page deletes the point in time").doesNotContain(pit);
        assertThat(debug.list).as("no fallback").isEmpty();

        List<String> fresh = new ArrayList<>();
        cursor = null;
        do {
            TracePage page = store.search(TraceQuery.all(), cursor, 2);
            fresh.addAll(ids(page.rows()));
            cursor = page.next();
        } while (cursor != null);
        assertThat(fresh).containsExactly("late-new", "t5", "t4", "late-between", "t3", "t2", "t1", "t0", "late-old");
    }

    @Test
    void aPointInTimeThatIsGoneMakesTheNextPageASearchAfterOverTheAliasWhichStillPagesCorrectly() {
        commitSix();
        TracePage first = store.search(TraceQuery.all(), null, 2);
        assertThat(pitOf(first.next())).isNotNull();
        cluster().expectOk("DELETE", "/_search/point_in_time/_all", null); // as if it had expired

        TracePage second = store.search(TraceQuery.all(), first.next(), 2);
        assertThat(ids(second.rows())).containsExactly("t3", "t2");
        assertThat(debug.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("cursor paging on " + prefix + "-traces: the cursor's point in time gave no complete answer (404")
                .contains("this page uses search_after over the alias");

        String renewed = pitOf(second.next());
        assertThat(renewed).as("the fallback page opens a new point in time for the rest").isNotNull();
        store.commit(List.of(trace("late-old").received(T0.minusSeconds(60)).build()), List.of(), null);
        TracePage third = store.search(TraceQuery.all(), second.next(), 2);
        assertThat(ids(third.rows())).containsExactly("t1", "t0");
        assertThat(third.next()).isNull();
        assertThat(openPits()).doesNotContain(renewed);
    }

    @Test
    void anAnswerOfOnePageOpensNoPointInTime() {
        commitSix();
        Set<String> before = openPits();
        TracePage all = store.search(TraceQuery.all(), null, 6);
        assertThat(all.rows()).hasSize(6);
        assertThat(all.next()).isNull();
        assertThat(openPits()).isEqualTo(before);
    }

    @Test
    void countsAndOtherReadsStillSeeEveryCommitAtOnce() {
        commitSix();
        TracePage first = store.search(TraceQuery.all(), null, 2);
        store.commit(List.of(trace("late").received(T0.minusSeconds(60)).build()), List.of(), null);
        assertThat(store.count(TraceQuery.all())).isEqualTo(7);
        assertThat(store.get("late")).isPresent();
        assertThat(pitOf(first.next())).isNotNull();
    }
}
