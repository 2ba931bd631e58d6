package org.mailtrace.completeness;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a log states about one queue entry (one life of a queue ID on one host and MTA instance):
 * the names a search for its mail may use, read by a raw-line reader apart from the product's parser.
 */
public final class LoggedEntry {
    public final String where;
    public final String host;
    public final String queueId;
    public final Set<String> senders = new LinkedHashSet<>();
    public final Set<String> recipients = new LinkedHashSet<>();
    public final Set<String> messageIds = new LinkedHashSet<>();
    String clientIp;
    String origClientIp;
    boolean laterHop;
    boolean outcome;
    boolean removed;

    LoggedEntry(String where, String host, String queueId) {
        this.where = where;
        this.host = host;
        this.queueId = queueId;
    }

    /** The IP the message came from, or null when this entry is a later (internal) hop. */
    public String clientIp() {
        if (laterHop) {
            return null;
        }
        return origClientIp != null ? origClientIp : clientIp;
    }

    /** Delivered, deferred, bounced or expired: an entry the invariant is about. */
    public boolean hasOutcome() {
        return outcome;
    }
}
