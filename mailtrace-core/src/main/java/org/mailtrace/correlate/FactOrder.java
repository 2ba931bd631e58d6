package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.FilterVerdict;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MailEventVisitor;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;

/**
 * The replay order of a trace's facts: by log time, and within the same instant by the order of a
 * message's life (arrival, decisions, envelope, filtering, deliveries, admin acts, notifications, end),
 * which is the order in which Postfix and Exim both write a message's lines (syslog shuffles lines
 * within a second). A deferral sorts
 * before a final outcome of the same instant, so "for equal timestamps prefer the final status".
 * Then host and line text, so that lines shuffled within a second replay identically; arrival
 * order breaks the remaining ties, so the order is total and deterministic.
 */
final class FactOrder {
    /** Written out rather than chained: every trace build sorts its facts, and the chain of key extractors cost twice as much. */
    static final Comparator<Fact> REPLAY = FactOrder::compare;

    static int compare(Fact a, Fact b) {
        LineMeta ma = a.event().meta();
        LineMeta mb = b.event().meta();
        int c = ma.time().compareTo(mb.time());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(rank(a.event()), rank(b.event()));
        return c != 0 ? c : compareSameTimeAndRank(a, b);
    }

    /** The tie-breaks after time and rank: host, line text, arrival. */
    private static int compareSameTimeAndRank(Fact a, Fact b) {
        LineMeta ma = a.event().meta();
        LineMeta mb = b.event().meta();
        int c = nullsFirst(ma.host(), mb.host());
        if (c != 0) {
            return c;
        }
        c = nullsFirst(ma.message(), mb.message());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    }

    /**
     * The facts in {@link #REPLAY} order. Each fact's time and rank are read once into a key first:
     * logs with whole-second timestamps give most facts of a trace the same instant, and the
     * comparisons that then reached the event type chain and the line text were 6% of the reading thread.
     */
    static List<Fact> sorted(Collection<Fact> facts) {
        Keyed[] keyed = new Keyed[facts.size()];
        int i = 0;
        for (Fact f : facts) {
            Instant t = f.event().meta().time();
            keyed[i++] = new Keyed(t.getEpochSecond(), ((long) t.getNano() << 4) | rank(f.event()), f);
        }
        Arrays.sort(keyed, FactOrder::compareKeyed);
        List<Fact> out = new ArrayList<>(keyed.length);
        for (Keyed k : keyed) {
            out.add(k.fact);
        }
        return out;
    }

    private record Keyed(long second, long nanoAndRank, Fact fact) {
    }

    private static int compareKeyed(Keyed a, Keyed b) {
        int c = Long.compare(a.second, b.second);
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.nanoAndRank, b.nanoAndRank);
        return c != 0 ? c : compareSameTimeAndRank(a.fact, b.fact);
    }

    private static int nullsFirst(String x, String y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        return x.compareTo(y);
    }

    private FactOrder() {
    }

    /** Where an event comes in a message's life. */
    static int rank(MailEvent e) {
        return e.accept(RANK);
    }

    private static final MailEventVisitor<Integer> RANK = new MailEventVisitor<>() {
        @Override
        public Integer visit(QueuedFromClient e) {
            return 0;
        }

        @Override
        public Integer visit(LocalSubmission e) {
            return 0;
        }

        @Override
        public Integer visit(SmtpDecision e) {
            return 1;
        }

        @Override
        public Integer visit(MessageIdSeen e) {
            return 2;
        }

        @Override
        public Integer visit(ContentDecision e) {
            return 3;
        }

        @Override
        public Integer visit(EnvelopeSeen e) {
            return 4;
        }

        @Override
        public Integer visit(FilterVerdict e) {
            return 5;
        }

        @Override
        public Integer visit(DeliveryNote e) {
            return 5;
        }

        @Override
        public Integer visit(DeliveryAttempt d) {
            return d.outcome() == DeliveryOutcome.DEFERRED ? 6 : 7;
        }

        @Override
        public Integer visit(QueueAdminAction e) {
            return 8;
        }

        @Override
        public Integer visit(QueueExpired e) {
            return 8;
        }

        @Override
        public Integer visit(NotificationQueued e) {
            return 9;
        }

        @Override
        public Integer visit(QueueRemoved e) {
            return 10;
        }

        /** Session lines are facts only of an abandoned queue file, which they end. */
        @Override
        public Integer visit(SmtpConnect e) {
            return 11;
        }

        @Override
        public Integer visit(SmtpDisconnect e) {
            return 11;
        }
    };
}
