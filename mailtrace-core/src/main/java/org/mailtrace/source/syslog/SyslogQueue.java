package org.mailtrace.source.syslog;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded {@link SyslogSink} that one pipeline thread drains. Bounded so that a store slower than
 * the mail server turns into TCP backpressure (and counted UDP drops) rather than unbounded memory.
 * Lines from one connection keep their order; lines from different connections interleave.
 */
public final class SyslogQueue implements SyslogSink {
    private final BlockingQueue<ReceivedLine> lines;
    private final int capacity;

    public SyslogQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("syslog queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void put(ReceivedLine line) throws InterruptedException {
        lines.put(line);
    }

    @Override
    public boolean offer(ReceivedLine line) {
        return lines.offer(line);
    }

    /** The next line, waiting at most {@code wait}; null when none arrived in time. */
    public ReceivedLine poll(Duration wait) throws InterruptedException {
        return lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves up to {@code max} waiting lines into {@code into} without waiting; returns how many. */
    public int drainTo(Collection<? super ReceivedLine> into, int max) {
        return lines.drainTo(into, max);
    }

    public int size() {
        return lines.size();
    }

    public int capacity() {
        return capacity;
    }
}
