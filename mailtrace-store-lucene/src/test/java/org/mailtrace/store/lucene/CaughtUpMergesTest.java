package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.TieredMergePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.format.Formats;
import org.mailtrace.pipeline.FollowSettings;
import org.mailtrace.pipeline.IngestPipeline;
import org.mailtrace.pipeline.IngestSettings;
import org.mailtrace.pipeline.ProgressListener;
import org.mailtrace.store.ForwardingTraceStore;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/** A bulk ingest merges as Lucene does by default; once a live ingest caught up, the store merges harder. */
class CaughtUpMergesTest {
    private static final Path LOG = Path.of("../mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");

    @TempDir
    Path tmp;

    @Test
    void aBulkWriterKeepsLucenesFloorAndCatchingUpRaisesItOnce() throws Exception {
        try (LiveIndex index = LiveIndex.open(tmp)) {
            double lucenesDefault = new TieredMergePolicy().getFloorSegmentMB();
            assertThat(index.mergePolicy().getFloorSegmentMB()).isEqualTo(lucenesDefault);

            index.caughtUp();
            assertThat(index.mergePolicy().getFloorSegmentMB()).isEqualTo(MergePolicies.LIVE_FLOOR_SEGMENT_MB);
            assertThat(MergePolicies.favourSearches(index.mergePolicy())).as("a second call changes nothing").isFalse();
            index.caughtUp();
            assertThat(index.mergePolicy().getFloorSegmentMB()).isEqualTo(MergePolicies.LIVE_FLOOR_SEGMENT_MB);
        }
    }

    @Test
    void aFollowedLogTellsTheStoreOnceItsEndIsReachedAndAOneShotIngestNever() throws Exception {
        Path log = tmp.resolve("mail.log");
        Files.copy(LOG, log);
        try (TraceStore lucene = TraceStores.open("lucene", tmp.resolve("data"), false)) {
            CountingCaughtUp store = new CountingCaughtUp(lucene);

            pipeline(store).run(List.of(log.toString()));
            assertThat(store.calls()).as("caughtUp calls of a one-shot ingest").hasValue(0);

            IngestPipeline following = pipeline(store);
            Thread thread = new Thread(() -> {
                try {
                    following.follow(List.of(log.toString()), new FollowSettings(Duration.ofMillis(20), Duration.ofMillis(50),
                            Duration.ofSeconds(1), Duration.ofDays(1)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "follow");
            thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (store.calls().get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // a few more idle polls
            following.stop();
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(store.calls()).as("caughtUp calls of a followed log read to its end, then idle").hasValue(1);
            assertThat(lucene.count(TraceQuery.builder().build())).isPositive();
        }
    }

    private static IngestPipeline pipeline(TraceStore store) {
        IngestSettings settings = new IngestSettings("postfix", 2025, ZoneOffset.UTC, CorrelationSettings.defaults(),
                IngestSettings.DEFAULT_COMMIT_EVERY_LINES, IngestSettings.DEFAULT_MAX_LINE_BYTES, Duration.ZERO);
        return new IngestPipeline(store, Formats.byName("postfix"), settings, ProgressListener.NONE, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0]));
    }

    /** The Lucene store, counting the hints it is given; its opener closes it. */
    private static final class CountingCaughtUp extends ForwardingTraceStore {
        private final AtomicInteger calls = new AtomicInteger();

        CountingCaughtUp(TraceStore inner) {
            super(inner);
        }

        AtomicInteger calls() {
            return calls;
        }

        @Override
        public void caughtUp() {
            calls.incrementAndGet();
            inner.caughtUp();
        }

        @Override
        public void close() {
        }
    }
}
