package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;

/** Statuses a help desk can rely on: each recipient's own outcome, retries, abandoned sessions, probes. */
class HelpDeskStatusesTest {
    private static final Events mx = Events.mx1();

    private static List<String> rowStatuses(MessageTrace t) {
        List<String> out = new ArrayList<>();
        Run.rows(t).forEach((a, r) -> out.add(a + "=" + r.status()));
        return out;
    }

    private static ContentDecision milterReject(long sec, String qid, String to) {
        return new ContentDecision(mx.meta(sec, "cleanup", 40, qid + ": milter-reject: END-OF-MESSAGE " + to),
                new QueueId(qid), "milter-reject", "END-OF-MESSAGE", null, Events.peer("192.0.2.10"),
                new SmtpReply(0, "5.7.1", "Spam message rejected"),
                new Envelope("a@remote.example", to, "ESMTP", "client.example"), null);
    }

    @Test
    void milterRejectFiltersTheAcceptedRecipientAndLeavesThoseRefusedAtRcptFailed() {
        MessageTrace t = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.client(1, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "reject", "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown",
                        "a@remote.example", "ghost@example.org"),
                mx.msgid(1, "AAA111", "<m@remote.example>"),
                milterReject(2, "AAA111", "bob@example.org")).only();
        assertThat(rowStatuses(t)).containsExactly("ghost@example.org=Failed", "bob@example.org=FilteredAsSpam");
    }

    @Test
    void aGreylistedAttemptWhoseRetryIsAcceptedBecomesAnEventOfTheDeliveredMessage() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 450, "4.2.0", "<bob@example.org>: Recipient address rejected: Greylisted",
                        "a@remote.example", "bob@example.org"),
                mx.disconnect(2, 11, "192.0.2.10"));
        assertThat(rowStatuses(run.only())).containsExactly("bob@example.org=Pending");
        String refusedId = run.only().messageTraceId();
        run.feed(List.of(
                mx.connect(600, 12, "192.0.2.10"),
                mx.client(601, 12, "BBB222", "192.0.2.10"),
                mx.msgid(601, "BBB222", "<m@remote.example>"),
                mx.qmgr(602, "BBB222", "a@remote.example", 900),
                mx.disconnect(602, 12, "192.0.2.10"),
                mx.delivery(603, "local", "BBB222").to("bob@example.org").local().build(),
                mx.removed(603, "BBB222")));
        MessageTrace t = run.only();
        assertThat(run.everDeleted).containsExactly(refusedId);
        assertThat(rowStatuses(t)).containsExactly("bob@example.org=Delivered");
        assertThat(t.events()).extracting(TraceEvent::event)
                .containsExactly(EventType.REJECT, EventType.RECEIVE, EventType.DELIVER);
        assertThat(t.events().get(0).detail()).contains("The client retried later");
    }

    @Test
    void aTemporaryRefusalWithoutRetryFailsOnceLogTimePassesTheWindow() {
        Correlator c = new Correlator(new CorrelationSettings(null, null, null, Duration.ofHours(2)), Formats.allRules());
        Run run = new Run(c).feed(List.of(
                mx.postscreen450(0, "198.51.100.7", "bob@example.org")));
        assertThat(rowStatuses(run.only())).containsExactly("bob@example.org=Pending");
        c.closeIdle(Events.T0.plus(Duration.ofHours(1)));
        run.drain();
        assertThat(rowStatuses(run.only())).containsExactly("bob@example.org=Pending");
        c.closeIdle(Events.T0.plus(Duration.ofHours(2)).plusSeconds(1));
        run.drain();
        MessageTrace t = run.only();
        assertThat(rowStatuses(t)).containsExactly("bob@example.org=Failed");
        TraceEvent last = t.events().get(t.events().size() - 1);
        assertThat(last.event()).isEqualTo(EventType.FAIL);
        assertThat(last.date()).isEqualTo(Events.T0.plus(Duration.ofHours(2)));
        assertThat(last.detail()).contains("No retry from 198.51.100.7").contains("within 2 hours");
        assertThat(c.openMessages()).isZero();
    }

    @Test
    void aRetryAfterTheWindowIsASeparateMessage() {
        Correlator c = new Correlator(new CorrelationSettings(null, null, null, Duration.ofHours(1)), Formats.allRules());
        Run run = new Run(c).feed(List.of(
                mx.noqueue(0, 11, "RCPT", "192.0.2.10", 450, "4.2.0", "Greylisted", "a@remote.example", "bob@example.org")));
        c.closeIdle(Events.T0.plus(Duration.ofHours(3)));
        run.feed(List.of(
                mx.client(10_800, 12, "BBB222", "192.0.2.10"),
                mx.qmgr(10_801, "BBB222", "a@remote.example", 900),
                mx.delivery(10_802, "local", "BBB222").to("bob@example.org").local().build()));
        assertThat(run.traces()).extracting(t -> rowStatuses(t).get(0))
                .containsExactlyInAnyOrder("bob@example.org=Failed", "bob@example.org=Delivered");
    }

    @Test
    void aSessionThatQuitBeforeDataFailsAtItsDisconnect() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.client(1, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "reject", "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown",
                        "a@remote.example", "ghost@example.org"),
                new SmtpDisconnect(mx.meta(2, "smtpd", 11,
                        "disconnect from client.example[192.0.2.10] ehlo=1 mail=1 rcpt=1/2 quit=1 commands=4/5"),
                        Events.peer("192.0.2.10")));
        MessageTrace t = run.only();
        assertThat(rowStatuses(t)).containsExactly("ghost@example.org=Failed");
        TraceEvent fail = t.events().get(t.events().size() - 1);
        assertThat(fail.event()).isEqualTo(EventType.FAIL);
        assertThat(fail.action()).isEqualTo("smtpd");
        assertThat(fail.detail()).contains("ended the session").contains("before sending the message")
                .contains("rcpt=1/2");
        run.correlator.closeIdle(Events.T0.plus(Duration.ofMinutes(10)));
        assertThat(run.correlator.openMessages()).isZero();
    }

    @Test
    void aSessionWithoutRecipientsKnownFailsAsAWholeAndAnIdleSessionEndsToo() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.client(1, 11, "AAA111", "192.0.2.10"));
        assertThat(rowStatuses(run.only())).containsExactly("=GettingStatus");
        run.correlator.closeIdle(Events.T0.plus(Duration.ofHours(2)));
        run.drain();
        MessageTrace t = run.only();
        assertThat(rowStatuses(t)).containsExactly("=Failed");
        assertThat(t.events().get(t.events().size() - 1).detail()).contains("no disconnect line");
    }

    @Test
    void aDisconnectShuffledBeforeTheMessagesLinesDoesNotFailIt() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.client(1, 11, "AAA111", "192.0.2.10"),
                mx.disconnect(2, 11, "192.0.2.10"),
                mx.msgid(2, "AAA111", "<m@remote.example>"),
                mx.qmgr(3, "AAA111", "a@remote.example", 900),
                mx.delivery(4, "local", "AAA111").to("bob@example.org").local().build(),
                mx.removed(4, "AAA111"));
        MessageTrace t = run.only();
        assertThat(rowStatuses(t)).containsExactly("bob@example.org=Delivered");
        assertThat(t.events()).extracting(TraceEvent::event).doesNotContain(EventType.FAIL);
    }

    @Test
    void anAddressProbeHasNoRowAndIsCounted() {
        Run run = Run.of(
                mx.msgid(0, "PPP111", "<probe@mx1>"),
                mx.qmgr(0, "PPP111", "double-bounce@mx1.example.org", 271));
        assertThat(run.traces()).hasSize(1); // not yet known to be a probe
        run.feed(List.of(
                mx.delivery(1, "smtp", "PPP111").to("info@remote.example").relay("mx.remote", "192.0.2.99", 25)
                        .status("deliverable", "2.1.5", "250 2.1.5 Ok").build(),
                mx.removed(1, "PPP111")));
        assertThat(run.traces()).isEmpty();
        assertThat(run.everDeleted).hasSize(1);
        assertThat(run.correlator.addressProbes()).isEqualTo(1);
        run.correlator.closeIdle(Events.T0.plus(Duration.ofHours(1)));
        run.drain();
        assertThat(run.traces()).isEmpty();
    }

    @Test
    void aBouncesSubjectIsItsOwnNotTheReturnedMessages() {
        MessageTrace t = Run.of(
                mx.msgid(0, "NNN999", "<bounce@mx1>"),
                mx.content(0, "NNN999", "info", "header Subject: Undelivered Mail Returned to Sender",
                        "Undelivered Mail Returned to Sender", 0, null, "alice@example.org"),
                mx.content(0, "NNN999", "info", "header Subject: Quarterly report", "Quarterly report", 0, null,
                        "alice@example.org"),
                mx.qmgr(0, "NNN999", "", 2000)).only();
        assertThat(t.subject()).isEqualTo("Undelivered Mail Returned to Sender");
    }

    /** Greylisting, an abandoned session, a probe and a give-up, for the snapshot check. */
    private static List<MailEvent> scenario() {
        return List.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 450, "4.2.0", "Greylisted", "a@remote.example", "bob@example.org"),
                mx.disconnect(1, 11, "192.0.2.10"),
                mx.postscreen450(2, "198.51.100.7", "carol@example.org"),
                mx.connect(3, 13, "192.0.2.20"),
                mx.client(4, 13, "CCC333", "192.0.2.20"),
                mx.disconnect(5, 13, "192.0.2.20"),
                mx.msgid(6, "PPP111", "<probe@mx1>"),
                mx.qmgr(6, "PPP111", "double-bounce@mx1.example.org", 271),
                mx.delivery(7, "smtp", "PPP111").to("info@remote.example").relay("mx.remote", "192.0.2.99", 25)
                        .status("undeliverable", "5.1.1", "550 5.1.1 unknown").build(),
                mx.removed(7, "PPP111"),
                mx.connect(600, 12, "192.0.2.10"),
                mx.client(601, 12, "BBB222", "192.0.2.10"),
                mx.msgid(601, "BBB222", "<m@remote.example>"),
                mx.qmgr(602, "BBB222", "a@remote.example", 900),
                mx.disconnect(602, 12, "192.0.2.10"),
                mx.delivery(603, "local", "BBB222").to("bob@example.org").local().build(),
                mx.removed(603, "BBB222"),
                mx.qmgr(200_000, "ZZZ000", "late@example.org", 10));
    }

    private static Run runWithHousekeeping(Correlator c, List<MailEvent> events, Run into) {
        Run run = into == null ? new Run(c) : into;
        for (MailEvent e : events) {
            c.closeIdle(e.meta().time());
            run.feed(List.of(e));
        }
        return run;
    }

    @Test
    void snapshotAndRestoreAtEverySplitCarryRetriesAbandonedSessionsAndProbes() {
        List<MailEvent> events = scenario();
        Run whole = runWithHousekeeping(new Correlator(CorrelationSettings.defaults(), Formats.allRules()), events, null);
        Map<String, MessageTrace> expected = whole.store;
        assertThat(expected.values()).extracting(t -> rowStatuses(t).get(0)).containsExactlyInAnyOrder(
                "bob@example.org=Delivered", "carol@example.org=Failed", "=Failed", "=GettingStatus");
        for (int split = 0; split <= events.size(); split++) {
            Run first = runWithHousekeeping(new Correlator(CorrelationSettings.defaults(), Formats.allRules()), events.subList(0, split), null);
            Correlator restored = Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), first.correlator.snapshot());
            Run second = new Run(restored);
            second.store.putAll(first.store);
            runWithHousekeeping(restored, events.subList(split, events.size()), second);
            assertThat(second.store).as("split at %d", split).isEqualTo(expected);
            assertThat(restored.addressProbes()).isEqualTo(1);
        }
    }
}
