package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;

class PolicyActionsTest {
    private final Events mx = Events.mx1();

    private MessageTrace withContent(MailEvent decision) {
        return Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"), decision, mx.removed(1, "AAA111")).only();
    }

    @Test
    void headerChecksRejectFailsTheMessageAndSetsTheSubject() {
        MessageTrace t = withContent(mx.content(1, "AAA111", "reject", "header Subject: win a prize",
                "win a prize", 550, "Message content rejected", "bob@example.org"));
        assertThat(t.subject()).isEqualTo("win a prize");
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Failed);
        });
        TraceEvent reject = t.events().get(1);
        assertThat(reject.event()).isEqualTo(EventType.REJECT);
        assertThat(reject.action()).isEqualTo("header_checks");
        assertThat(reject.detail()).contains("[5.7.1");
    }

    @Test
    void headerChecksDiscardDrops() {
        MessageTrace t = withContent(mx.content(1, "AAA111", "discard", "header X-Spam-Flag: YES", null, 0, null,
                "bob@example.org"));
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Dropped);
        assertThat(t.events().get(1).event()).isEqualTo(EventType.DROP);
    }

    @Test
    void headerChecksHoldQuarantines() {
        MessageTrace t = withContent(mx.content(1, "AAA111", "hold", "header From: boss", null, 0, null,
                "bob@example.org"));
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Quarantined);
        assertThat(t.events().get(1).event()).isEqualTo(EventType.QUARANTINE);
    }

    @Test
    void milterRejectMentioningSpamIsFilteredAsSpam() {
        MessageTrace t = withContent(mx.content(1, "AAA111", "milter-reject", "END-OF-MESSAGE", null, 554,
                "5.7.1 Spam message rejected", "bob@example.org"));
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.FilteredAsSpam);
        assertThat(t.events().get(1).event()).isEqualTo(EventType.SPAM);
        assertThat(t.events().get(1).action()).isEqualTo("milter");
    }

    @Test
    void sizeLimitRejectIsNamedSo() {
        MessageTrace t = withContent(mx.content(1, "AAA111", "reject", "message size 99999999", null, 552,
                "Message too large", "bob@example.org"));
        assertThat(t.events().get(1).action()).isEqualTo("size limit");
    }

    @Test
    void headerChecksWarningIsPolicyOnlyAndKeepsTheSubject() {
        MessageTrace t = Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.content(1, "AAA111", "warning", "header Subject: hello", "hello", 0, null, "bob@example.org"),
                mx.delivery(2, "local", "AAA111").to("bob@example.org").local().build()).only();
        assertThat(t.subject()).isEqualTo("hello");
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(t.events()).extracting(TraceEvent::event).containsExactly(EventType.RECEIVE, EventType.POLICY,
                EventType.DELIVER);
    }

    private List<MailEvent> deferredMessage() {
        return List.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("bob@far.example").status("deferred", "4.4.1", "timeout").build());
    }

    @Test
    void postsuperHoldQuarantinesAndReleaseReturnsToPending() {
        Run run = Run.of(deferredMessage());
        run.feed(List.of(mx.admin(10, "AAA111", "hold")));
        assertThat(run.only().recipients().get(0).status()).isEqualTo(DeliveryStatus.Quarantined);
        run.feed(List.of(mx.admin(20, "AAA111", "release")));
        MessageTrace t = run.only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Pending);
        assertThat(t.events()).extracting(TraceEvent::event).containsSubsequence(EventType.QUARANTINE, EventType.RELEASE);
        assertThat(t.events().get(2).action()).isEqualTo("postsuper");
    }

    @Test
    void releaseOfANeverAttemptedMessageIsGettingStatus() {
        MessageTrace t = Run.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.content(0, "AAA111", "hold", "header Subject: x", "x", 0, null, "bob@example.org"),
                mx.admin(10, "AAA111", "release")).only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.GettingStatus);
    }

    @Test
    void postsuperDeleteDropsNonFinalRowsOnly() {
        List<MailEvent> events = new java.util.ArrayList<>(deferredMessage());
        events.add(mx.delivery(1, "smtp", "AAA111").to("carol@far.example").status("sent", "2.0.0", "250 ok").build());
        events.add(mx.admin(30, "AAA111", "delete"));
        MessageTrace t = Run.of(events).only();
        assertThat(Run.rows(t).get("bob@far.example").status()).isEqualTo(DeliveryStatus.Dropped);
        assertThat(Run.rows(t).get("carol@far.example").status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.DROP);
    }

    @Test
    void smtpdRedirectAndWarnAreEventsWithoutStatusChange() {
        MessageTrace t = Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "warn", "RCPT", "192.0.2.10", 0, null, "watch this",
                        "a@remote.example", "bob@example.org"),
                mx.decision(1, 11, "AAA111", "redirect", "RCPT", "192.0.2.10", 0, null, "to review",
                        "a@remote.example", "bob@example.org")).only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.GettingStatus);
        assertThat(t.events()).extracting(TraceEvent::event).contains(EventType.POLICY, EventType.REDIRECT);
    }
}
