package org.mailtrace.correlate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one part of a trace was linked to another. The word is what snapshots hold (they held these
 * words as strings before this type existed), so it must never change.
 */
enum LinkKind {
    /** The parent handed the message to a queue we also read ({@code queued as X}). */
    HOP("hop"),
    /** The parent handed the message to a content filter that reinjected it with the same Message-ID. */
    MESSAGE_ID_HOP("message-id"),
    /** local(8) forwarded it as a new message ({@code forwarded as X}). */
    FORWARD("forward"),
    /** A notification (bounce, delay) about the parent; pending links only, it becomes its own trace. */
    NOTIFICATION("notification"),
    /** A refused SMTP attempt of the session whose later transaction was accepted as this message. */
    REFUSED_ATTEMPT("refused-attempt"),
    /** A temporarily refused attempt (greylisting) whose retry from the same client was accepted as this trace. */
    RETRIED_ATTEMPT("retried-attempt"),
    /** Another server's (or service's) copy of the same message, by the key the MTA gives every copy ({@link CorrelationRules#copyKey}). */
    COPY("copy");

    private final String word;

    LinkKind(String word) {
        this.word = word;
    }

    @JsonValue
    String word() {
        return word;
    }

    /** The kind a snapshot names; IllegalArgumentException for a word no version wrote. */
    @JsonCreator
    static LinkKind of(String word) {
        for (LinkKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown link kind '" + word + "'");
    }
}
