package org.mailtrace.source.syslog;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link ListenerCounts}; updated by every connection thread of one listener. */
final class ListenerStats {
    private volatile String listener;
    final AtomicLong sequence = new AtomicLong();
    final AtomicLong droppedQueueFull = new AtomicLong();
    final AtomicLong truncated = new AtomicLong();
    final AtomicLong badFrames = new AtomicLong();
    final AtomicLong connectionsOpen = new AtomicLong();
    final AtomicLong connectionsTotal = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    final AtomicLong connectionsRefused = new AtomicLong();
    final AtomicLong idleClosed = new AtomicLong();

    ListenerStats(String listener) {
        this.listener = listener;
    }

    /** Renames once the port is bound, so a listener asked for port 0 reports the real one. */
    void rename(String name) {
        listener = name;
    }

    String listener() {
        return listener;
    }

    ListenerCounts snapshot() {
        return new ListenerCounts(listener, sequence.get(), droppedQueueFull.get(), truncated.get(), badFrames.get(),
                connectionsOpen.get(), connectionsTotal.get(), handshakeFailures.get(), connectionsRefused.get(), idleClosed.get());
    }
}
