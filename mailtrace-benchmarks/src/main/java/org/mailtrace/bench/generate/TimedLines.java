package org.mailtrace.bench.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * The lines of messages in flight, written in log-time order with a BSD syslog header.
 *
 * <p>Why a queue: messages overlap (a session is still open while the next one connects, a deferred
 * message retries an hour later), so lines are scheduled at their own time and released once the
 * generator has moved past it. Only lines not yet due are held, so memory stays bounded by the
 * traffic of the next few seconds plus pending retries, never by the size of the day.
 */
final class TimedLines {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private record Line(long millis, long seq, String host, String tag, String message) implements Comparable<Line> {
        @Override
        public int compareTo(Line o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Line> pending = new PriorityQueue<>();
    private final Writer out;
    private long seq;
    private long written;
    private long bytes;
    private long stampSecond = Long.MIN_VALUE;
    private String stamp;

    TimedLines(Writer out) {
        this.out = out;
    }

    /** Schedules one line at {@code millis} (epoch ms, UTC); lines at the same millisecond keep call order. */
    void add(long millis, String host, String tag, String message) {
        pending.add(new Line(millis, seq++, host, tag, message));
    }

    /** Writes every line due before {@code millis}. */
    void releaseBefore(long millis) throws IOException {
        while (!pending.isEmpty() && pending.peek().millis < millis) {
            write(pending.poll());
        }
    }

    /** Writes everything still scheduled. */
    void releaseAll() throws IOException {
        releaseBefore(Long.MAX_VALUE);
    }

    long written() {
        return written;
    }

    long bytes() {
        return bytes;
    }

    int pending() {
        return pending.size();
    }

    private void write(Line l) throws IOException {
        StringBuilder sb = new StringBuilder(200);
        sb.append(stampOf(l.millis)).append(' ').append(l.host).append(' ').append(l.tag).append(": ")
                .append(l.message).append('\n');
        out.write(sb.toString());
        written++;
        bytes += sb.length(); // the generator writes ASCII only
    }

    /** {@code Nov 27 09:05:03}: day padded with a space, as classic syslog writes it. */
    private String stampOf(long millis) {
        long second = Math.floorDiv(millis, 1000);
        if (second != stampSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            stamp = String.format("%s %2d %02d:%02d:%02d", MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond());
            stampSecond = second;
        }
        return stamp;
    }
}
