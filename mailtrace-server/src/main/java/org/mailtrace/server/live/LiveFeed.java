package org.mailtrace.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes rows that were just stored or changed to everyone watching the live view. Ingest calls
 * {@link #publish} after each commit; the call only enqueues (it never waits for a browser), and one
 * sender thread writes each batch to every subscriber, filtered by that subscriber's scope. When
 * subscribers fall so far behind that {@value #QUEUE_BATCHES} batches wait, new batches are dropped
 * and counted rather than slowing ingest: the live view is a convenience, searches stay complete.
 */
public final class LiveFeed implements AutoCloseable {
    static final int QUEUE_BATCHES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectWriter JSON = TraceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final List<MessageTrace> STOP = List.of();

    private final List<LiveSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<List<MessageTrace>> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    private final ScheduledExecutorService pinger;

    public LiveFeed(Duration pingEvery) {
        sender = new Thread(this::sendLoop, "live-feed");
        sender.setDaemon(true);
        sender.start();
        pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-feed-ping");
            t.setDaemon(true);
            return t;
        });
        long ms = pingEvery.toMillis();
        pinger.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Hands traces just committed to the feed; returns at once. */
    public void publish(Collection<MessageTrace> traces) {
        if (traces.isEmpty() || subscribers.isEmpty()) {
            return;
        }
        if (!queue.offer(List.copyOf(traces))) {
            dropped.incrementAndGet();
        }
    }

    /** Starts sending to a subscriber until it disconnects. */
    public void subscribe(LiveSubscriber s) {
        subscribers.add(s);
    }

    public void unsubscribe(LiveSubscriber s) {
        subscribers.remove(s);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Batches dropped because subscribers were too slow. */
    public long droppedBatches() {
        return dropped.get();
    }

    private void sendLoop() {
        try {
            while (true) {
                List<MessageTrace> batch = queue.take();
                if (batch == STOP) {
                    return;
                }
                List<TraceRow> rows = new ArrayList<>();
                batch.forEach(t -> rows.addAll(t.rows()));
                for (LiveSubscriber s : subscribers) {
                    List<TraceRow> visible = rows.stream().filter(s.scope()).toList();
                    if (!visible.isEmpty()) {
                        send(s, visible);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(LiveSubscriber s, List<TraceRow> rows) {
        try {
            if (!s.sink().send("rows", JSON.writeValueAsString(rows))) {
                subscribers.remove(s);
            }
        } catch (JsonProcessingException e) {
            LOG.error("live feed: cannot serialise {} rows for {}", rows.size(), s.user(), e);
        } catch (RuntimeException e) {
            LOG.debug("live feed: {} went away: {}", s.user(), e.toString());
            subscribers.remove(s);
        }
    }

    private void pingAll() {
        for (LiveSubscriber s : subscribers) {
            try {
                if (!s.sink().ping()) {
                    subscribers.remove(s);
                }
            } catch (RuntimeException e) {
                subscribers.remove(s);
            }
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        queue.clear();
        queue.offer(STOP);
        try {
            sender.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribers.forEach(s -> s.sink().close());
        subscribers.clear();
    }
}
