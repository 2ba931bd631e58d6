package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mailtrace.event.MailEvent;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;

/**
 * Feeds events to a correlator the way the pipeline does (drain after every event) and keeps what
 * a store would hold: the latest version of each trace, minus deleted ones.
 */
final class Run {
    final Correlator correlator;
    final Map<String, MessageTrace> store = new TreeMap<>();
    final Set<String> everDeleted = new TreeSet<>();

    Run(Correlator correlator) {
        this.correlator = correlator;
    }

    static Run of(MailEvent... events) {
        return of(List.of(events));
    }

    static Run of(List<? extends MailEvent> events) {
        Run r = new Run(new Correlator(CorrelationSettings.defaults(), Formats.allRules()));
        r.feed(events);
        return r;
    }

    Run feed(List<? extends MailEvent> events) {
        for (MailEvent e : events) {
            correlator.accept(e, Events.POSTFIX);
            drain();
        }
        return this;
    }

    void drain() {
        TraceChanges c = correlator.drainChanges();
        for (MessageTrace t : c.upserted()) {
            store.put(t.messageTraceId(), t);
        }
        for (String id : c.deleted()) {
            store.remove(id);
            everDeleted.add(id);
        }
    }

    List<MessageTrace> traces() {
        return new ArrayList<>(store.values());
    }

    MessageTrace only() {
        if (store.size() != 1) {
            throw new AssertionError("expected exactly one trace, got " + store.size() + ": " + store.values());
        }
        return store.values().iterator().next();
    }

    MessageTrace withQueueId(String qid) {
        for (MessageTrace t : store.values()) {
            if (t.queueIds().contains(qid)) {
                return t;
            }
        }
        throw new AssertionError("no trace with queue ID " + qid + " in " + store.values());
    }

    static Map<String, RecipientOutcome> rows(MessageTrace t) {
        Map<String, RecipientOutcome> out = new LinkedHashMap<>();
        for (RecipientOutcome r : t.recipients()) {
            out.put(r.recipientAddress(), r);
        }
        return out;
    }
}
