package org.mailtrace.source.syslog;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded {@link SyslogSink} that one pipeline thread drains. Bounded so that a store slower than
 * the mail server turns into TCP backpressure (and counted UDP drops) rather than unbounded memory.
 * Lines from one connection keep their order; lines from different connections interleave.
 *
 * <p>Bounded in lines and in characters: a sender of 64 KB lines would otherwise fill the heap with
 * the line count alone (100,000 lines of 64 KB is 6 GB) before the ingest thread sees them.
 */
public final class SyslogQueue implements SyslogSink {
    /** 32M characters (32-64 MB of heap): a second of lines at 100,000 lines/s of 300 characters is a tenth of it. */
    public static final int DEFAULT_MAX_CHARS = 32 << 20;

    private final BlockingQueue<ReceivedLine> lines;
    private final int capacity;
    private final int maxChars;
    /** Characters that may still enter: taken by put/offer, given back when the ingest thread takes the line. */
    private final Semaphore room;

    public SyslogQueue(int capacity) {
        this(capacity, DEFAULT_MAX_CHARS);
    }

    public SyslogQueue(int capacity, int maxChars) {
        if (capacity < 1) {
            throw new IllegalArgumentException("syslog queue capacity must be at least 1, got " + capacity);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("syslog queue size in characters must be at least 1, got " + maxChars);
        }
        this.capacity = capacity;
        this.maxChars = maxChars;
        this.lines = new ArrayBlockingQueue<>(capacity);
        this.room = new Semaphore(maxChars);
    }

    /** What a line takes of the character bound; a line longer than the bound takes all of it, so it can still pass alone. */
    private int weight(ReceivedLine line) {
        int n = line.text() == null ? 0 : line.text().length();
        return Math.max(1, Math.min(n, maxChars));
    }

    @Override
    public void put(ReceivedLine line) throws InterruptedException {
        int w = weight(line);
        room.acquire(w);
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            room.release(w);
            throw e;
        }
    }

    @Override
    public boolean offer(ReceivedLine line) {
        int w = weight(line);
        if (!room.tryAcquire(w)) {
            return false;
        }
        if (!lines.offer(line)) {
            room.release(w);
            return false;
        }
        return true;
    }

    /** The next line, waiting at most {@code wait}; null when none arrived in time. */
    public ReceivedLine poll(Duration wait) throws InterruptedException {
        ReceivedLine line = lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (line != null) {
            room.release(weight(line));
        }
        return line;
    }

    /** Moves up to {@code max} waiting lines into {@code into} without waiting; returns how many. */
    public int drainTo(Collection<? super ReceivedLine> into, int max) {
        java.util.List<ReceivedLine> taken = new java.util.ArrayList<>();
        int n = lines.drainTo(taken, max);
        int chars = 0;
        for (ReceivedLine line : taken) {
            chars += weight(line);
        }
        into.addAll(taken);
        if (chars > 0) {
            room.release(chars);
        }
        return n;
    }


    public int size() {
        return lines.size();
    }

    public int capacity() {
        return capacity;
    }
}
