package org.mailtrace.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mailtrace.model.MessageTrace;

/**
 * A store that hands every call to another one, for tests that change or watch one part of a real
 * store: a subclass overrides only that part. {@link #close()} closes the other store too; override
 * it when whoever opened that store closes it.
 */
public class ForwardingTraceStore implements TraceStore {
    protected final TraceStore inner;

    public ForwardingTraceStore(TraceStore inner) {
        this.inner = inner;
    }

    @Override
    public void commit(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds, IngestCheckpoint checkpoint) {
        inner.commit(upserts, deletedTraceIds, checkpoint);
    }

    @Override
    public void commitInBackground(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds,
                                   IngestCheckpoint checkpoint) {
        inner.commitInBackground(upserts, deletedTraceIds, checkpoint);
    }

    @Override
    public void stage(Collection<MessageTrace> upserts, Collection<String> deletedTraceIds) {
        inner.stage(upserts, deletedTraceIds);
    }

    @Override
    public void awaitCommits() {
        inner.awaitCommits();
    }

    @Override
    public void caughtUp() {
        inner.caughtUp();
    }

    @Override
    public IngestCheckpoint checkpoint() {
        return inner.checkpoint();
    }

    @Override
    public long deleteReceivedBefore(Instant cutoff) {
        return inner.deleteReceivedBefore(cutoff);
    }

    @Override
    public TracePage search(TraceQuery query, String cursor, int limit) {
        return inner.search(query, cursor, limit);
    }

    @Override
    public long count(TraceQuery query) {
        return inner.count(query);
    }

    @Override
    public Optional<MessageTrace> get(String messageTraceId) {
        return inner.get(messageTraceId);
    }

    @Override
    public List<MessageTrace> findByMessageId(String messageId) {
        return inner.findByMessageId(messageId);
    }

    @Override
    public StoreStats aggregate(TraceQuery scope, Instant start, Instant end, Duration bucket, int top) {
        return inner.aggregate(scope, start, end, bucket, top);
    }

    @Override
    public Optional<HopDirectory> hopDirectory() {
        return inner.hopDirectory();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + inner + "]";
    }
}
