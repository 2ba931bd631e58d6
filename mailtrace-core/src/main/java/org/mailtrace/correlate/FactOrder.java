package org.mailtrace.correlate;

import java.util.Comparator;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueueEntry;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpdDecision;

/**
 * The replay order of a trace's facts: by log time, and within the same instant by the order in
 * which Postfix writes a message's lines (syslog shuffles lines within a second). A deferral sorts
 * before a final outcome of the same instant, so "for equal timestamps prefer the final status".
 * Then host and line text, so that lines shuffled within a second replay identically; arrival
 * order breaks the remaining ties, so the order is total and deterministic.
 */
final class FactOrder {
    static final Comparator<Fact> REPLAY = Comparator
            .comparing((Fact f) -> f.event().meta().time())
            .thenComparingInt(f -> rank(f.event()))
            .thenComparing(f -> f.event().meta().host(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> f.event().meta().message(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Fact::seq);

    private FactOrder() {
    }

    static int rank(MailEvent e) {
        if (e instanceof QueuedFromClient || e instanceof LocalSubmission) {
            return 0;
        } else if (e instanceof SmtpdDecision) {
            return 1;
        } else if (e instanceof MessageIdSeen) {
            return 2;
        } else if (e instanceof ContentDecision) {
            return 3;
        } else if (e instanceof QueueEntry) {
            return 4;
        } else if (e instanceof FilterVerdict || e instanceof DeliveryNote) {
            return 5;
        } else if (e instanceof DeliveryAttempt d) {
            return "deferred".equalsIgnoreCase(d.status()) ? 6 : 7;
        } else if (e instanceof QueueAdminAction || e instanceof QueueExpired) {
            return 8;
        } else if (e instanceof NotificationQueued) {
            return 9;
        } else if (e instanceof QueueRemoved) {
            return 10;
        }
        return 11;
    }
}
