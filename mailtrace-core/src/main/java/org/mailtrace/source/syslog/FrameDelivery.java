package org.mailtrace.source.syslog;

import java.net.InetSocketAddress;
import java.time.Clock;

/** Turns frames into {@link ReceivedLine}s, numbers them and hands them to the sink, counting as it goes. */
final class FrameDelivery {
    private final SyslogSink sink;
    private final ListenerStats stats;
    private final Clock clock;

    FrameDelivery(SyslogSink sink, ListenerStats stats, Clock clock) {
        this.sink = sink;
        this.stats = stats;
        this.clock = clock;
    }

    /** Stream transports: waits for room, so the connection stops reading while the sink is full. */
    void deliverWaiting(Frame frame, InetSocketAddress peer) throws InterruptedException {
        ReceivedLine line = line(frame, peer);
        if (line != null) {
            sink.put(line);
        }
    }

    /** Datagram transport: drops (and counts) when the sink is full. */
    void deliverOrDrop(Frame frame, InetSocketAddress peer) {
        ReceivedLine line = line(frame, peer);
        if (line != null && !sink.offer(line)) {
            stats.droppedQueueFull.incrementAndGet();
        }
    }

    private ReceivedLine line(Frame frame, InetSocketAddress peer) {
        if (frame.isBad()) {
            stats.badFrames.incrementAndGet();
            return null;
        }
        if (frame.truncated()) {
            stats.truncated.incrementAndGet();
        }
        String text = frame.text();
        return new ReceivedLine(text, stats.listener(), peer, stats.sequence.incrementAndGet(), clock.instant(),
                frame.invalidUtf8(text), frame.truncated());
    }
}
