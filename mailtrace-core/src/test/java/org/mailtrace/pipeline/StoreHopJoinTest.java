package org.mailtrace.pipeline;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.format.ParseResult;
import org.mailtrace.format.postfix.PostfixFormat;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.Framed;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;
import org.mailtrace.store.HopDirectory;
import org.mailtrace.store.HopRecord;
import org.mailtrace.store.JoinedTrace;

/**
 * Two ingest processes, one per host, that drain and commit at the same moment: neither sees the
 * other's hop record at its first look-up, both do at the look-up after their commits, and both
 * then write the same joined trace, the one a single process reading both hosts makes.
 */
class StoreHopJoinTest {
    private static final List<String> SUBMIT = List.of(
            "Nov 27 10:00:00 submit1 postfix/smtpd[11]: AAA111: client=webmail.example.org[10.0.3.5], sasl_method=PLAIN, sasl_username=alice@example.org",
            "Nov 27 10:00:00 submit1 postfix/cleanup[12]: AAA111: message-id=<m1@example.org>",
            "Nov 27 10:00:00 submit1 postfix/qmgr[13]: AAA111: from=<alice@example.org>, size=700, nrcpt=1 (queue active)",
            "Nov 27 10:00:01 submit1 postfix/smtp[14]: AAA111: to=<bob@example.org>, relay=mx1.example.org[10.0.1.20]:25, delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as BBB222)",
            "Nov 27 10:00:01 submit1 postfix/qmgr[13]: AAA111: removed");
    private static final List<String> MX = List.of(
            "Nov 27 10:00:01 mx1 postfix/smtpd[21]: BBB222: client=submit1.example.org[10.0.1.30]",
            "Nov 27 10:00:01 mx1 postfix/cleanup[22]: BBB222: message-id=<m1@example.org>",
            "Nov 27 10:00:01 mx1 postfix/qmgr[23]: BBB222: from=<alice@example.org>, size=1300, nrcpt=1 (queue active)",
            "Nov 27 10:00:02 mx1 postfix/lmtp[24]: BBB222: to=<bob@example.org>, relay=store1.example.org[10.0.2.10]:24, delay=0.06, delays=0.01/0/0.02/0.03, dsn=2.0.0, status=sent (250 2.0.0 <bob@example.org> x Saved)",
            "Nov 27 10:00:02 mx1 postfix/qmgr[23]: BBB222: removed");

    private final PostfixFormat postfix = new PostfixFormat();

    private Correlator read(List<String> lines, boolean recordHops) {
        Correlator c = new Correlator(new CorrelationSettings(Set.of("example.org"), List.of(), CorrelationSettings.DEFAULT_IDLE_LIMIT), Formats.allRules());
        if (recordHops) {
            c.recordHops();
        }
        SyslogFraming framing = new SyslogFraming(ZoneOffset.UTC, YearResolver.startingIn(2026));
        for (String line : lines) {
            Framed framed = framing.frame(line, "test");
            ParseResult parsed = postfix.parse(((Framed.Ok) framed).line());
            ((ParseResult.Parsed) parsed).events().forEach(e -> c.accept(e, postfix.rules()));
        }
        return c;
    }

    /** A directory that keeps its contract the simplest way: published records become visible at {@link #commit}. */
    private static final class CommittedOnly implements HopDirectory {
        private final Map<String, HopRecord> visible = new LinkedHashMap<>();
        private final Map<String, HopRecord> published = new LinkedHashMap<>();
        /** Joined traces written (by trace ID) as the contract says: not over one joined from more. */
        final Map<String, JoinedTrace> joined = new LinkedHashMap<>();
        private final List<JoinedTrace> staged = new ArrayList<>();

        @Override
        public void upsertJoined(Collection<JoinedTrace> traces) {
            staged.addAll(traces);
        }

        @Override
        public void publish(Collection<HopRecord> records) {
            records.forEach(r -> published.put(r.traceId(), r));
        }

        @Override
        public List<HopRecord> find(Collection<String> queueIds) {
            List<HopRecord> out = new ArrayList<>();
            for (HopRecord r : visible.values()) {
                if (r.queueIds().stream().anyMatch(queueIds::contains)) {
                    out.add(r);
                }
            }
            return out;
        }

        void commit() {
            visible.putAll(published);
            published.clear();
            for (JoinedTrace j : staged) {
                JoinedTrace stored = joined.get(j.trace().messageTraceId());
                if (stored == null || j.builtFrom() >= stored.builtFrom()) {
                    joined.put(j.trace().messageTraceId(), j);
                }
            }
            staged.clear();
        }
    }

    @Test
    void twoProcessesCommittingAtTheSameMomentMeetAtTheLookUpAfterTheirCommits() {
        List<String> both = new ArrayList<>(SUBMIT);
        both.addAll(MX);
        both.sort(java.util.Comparator.comparing(l -> l.substring(0, 15)));
        MessageTrace expected = read(both, false).drainChanges().upserted().get(0);
        assertThat(expected.queueIds()).containsExactly("AAA111", "BBB222");

        Correlator submit = read(SUBMIT, true);
        Correlator mx = read(MX, true);
        CommittedOnly directory = new CommittedOnly();
        StoreHopJoin submitJoin = new StoreHopJoin(directory);
        StoreHopJoin mxJoin = new StoreHopJoin(directory);

        TraceChanges submitFirst = submitJoin.apply(submit, submit.drainChanges()).all();
        TraceChanges mxFirst = mxJoin.apply(mx, mx.drainChanges()).all();
        assertThat(submitFirst.upserted()).singleElement().satisfies(t -> assertThat(t.queueIds()).containsExactly("AAA111"));
        assertThat(mxFirst.upserted()).singleElement().satisfies(t -> assertThat(t.queueIds()).containsExactly("BBB222"));
        assertThat(submitFirst.upserted().get(0).messageTraceId()).isEqualTo(expected.messageTraceId());

        directory.commit();
        submitJoin.committed();
        mxJoin.committed();
        assertThat(submitJoin.hasRecheck()).isTrue();

        StoreHopJoin.Joined submitSecond = submitJoin.apply(submit, submit.drainChanges());
        StoreHopJoin.Joined mxSecond = mxJoin.apply(mx, mx.drainChanges());
        assertThat(submitSecond.all().upserted()).containsExactly(expected);
        assertThat(submitSecond.all().deleted()).containsExactly(mxFirst.upserted().get(0).messageTraceId());
        assertThat(mxSecond.all()).isEqualTo(submitSecond.all());
        assertThat(submitJoin.hasRecheck()).isFalse();
        // The joined trace goes to the store through the directory, not as a plain upsert that would overwrite a fuller join.
        assertThat(submitSecond.plain().upserted()).isEmpty();
        assertThat(submitSecond.plain().deleted()).containsExactly(mxFirst.upserted().get(0).messageTraceId());
        directory.commit();
        assertThat(directory.joined.values()).extracting(JoinedTrace::trace).containsExactly(expected);
    }

    @Test
    void combineLetsTheJoinReplaceAndDeleteWhatTheCorrelatorHandedOut() {
        MessageTrace alone = read(SUBMIT, false).drainChanges().upserted().get(0);
        MessageTrace other = read(MX, false).drainChanges().upserted().get(0);
        TraceChanges base = new TraceChanges(List.of(alone, other), Set.of("gone"));
        TraceChanges joined = new TraceChanges(List.of(alone), Set.of(other.messageTraceId()));

        TraceChanges out = StoreHopJoin.combine(base, joined);

        assertThat(out.upserted()).containsExactly(alone);
        assertThat(out.deleted()).containsExactlyInAnyOrder("gone", other.messageTraceId());
        assertThat(StoreHopJoin.combine(base, new TraceChanges(List.of(), Set.of()))).isSameAs(base);
    }
}
