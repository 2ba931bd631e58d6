package org.mailtrace.event;

/**
 * The ID an MTA gives a message while it holds it in its queue: a Postfix queue ID
 * ({@code 3F1B6C0423}, {@code 4XwH2p1Yv5zBQ3K}), an Exim message ID ({@code 1uAbCd-000123-Xy}).
 * Unique only per host and MTA instance ({@link LineMeta#queueNamespace()}), and reused over
 * time; what a valid ID looks like is each format's business (e.g. {@code format/postfix/QueueIds}).
 */
public record QueueId(String value) {

    public QueueId {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty queue ID");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
