package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.TraceEvent;

class RefusedMailTest {
    private final Events mx = Events.mx1();

    @Test
    void rejectsNoqueueUnknownUserAtRcptAsFailedRowWithExplanation() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1",
                        "<bob@example.org>: Recipient address rejected: User unknown in local recipient table",
                        "alice@remote.example", "bob@example.org"),
                mx.disconnect(2, 11, "192.0.2.10"));
        MessageTrace t = run.only();
        assertThat(t.senderAddress()).isEqualTo("alice@remote.example");
        assertThat(t.fromIp()).isEqualTo("192.0.2.10");
        assertThat(t.queueIds()).isEmpty();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Failed);
            assertThat(r.direction()).isEqualTo(Direction.Inbound);
        });
        TraceEvent reject = t.events().get(0);
        assertThat(reject.event()).isEqualTo(EventType.REJECT);
        assertThat(reject.recipientAddress()).isEqualTo("bob@example.org");
        assertThat(reject.detail()).startsWith("Refused at RCPT by mx1 (smtpd): 550 5.1.1 <bob@example.org>")
                .contains("[5.1.1: the mailbox address does not exist").contains("550: ");
        assertThat(reject.data()).containsEntry("stage", "RCPT").containsEntry("dsn", "5.1.1")
                .containsEntry("clientIp", "192.0.2.10").containsEntry("to", "bob@example.org");
    }

    @Test
    void relayDeniedIsFailedInbound() {
        MessageTrace t = Run.of(mx.noqueue(1, 11, "RCPT", "192.0.2.10", 554, "5.7.1",
                "<x@elsewhere.example>: Relay access denied", "spam@bad.example", "x@elsewhere.example")).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.Failed);
            assertThat(r.direction()).isEqualTo(Direction.Inbound);
        });
        assertThat(t.events().get(0).detail()).contains("Relay access denied").contains("[5.7.1");
    }

    @Test
    void temporaryRejectIsPendingAndSaysTheClientMayRetry() {
        MessageTrace t = Run.of(mx.noqueue(1, 11, "RCPT", "192.0.2.10", 450, "4.7.1",
                "<bob@example.org>: Recipient address rejected: greylisted", "a@remote.example", "bob@example.org"))
                .only();
        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Pending);
        assertThat(t.events().get(0).detail()).contains("temporary: the client may retry");
    }

    @Test
    void severalRejectsWithTheSameSenderInOneSessionAreOneTrace() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown in local recipient table",
                        "alice@remote.example", "bob@example.org"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown in local recipient table",
                        "alice@remote.example", "carol@example.org"),
                mx.disconnect(2, 11, "192.0.2.10"));
        assertThat(Run.rows(run.only())).containsOnlyKeys("bob@example.org", "carol@example.org");
    }

    @Test
    void aNewSenderStartsANewRefusedAttempt() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "unknown", "a@remote.example", "bob@example.org"),
                mx.noqueue(2, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "unknown", "b@remote.example", "bob@example.org"));
        assertThat(run.traces()).extracting(MessageTrace::senderAddress)
                .containsExactlyInAnyOrder("a@remote.example", "b@remote.example");
    }

    @Test
    void mixedAcceptAndRejectInOneSessionIsOneTraceWithBothRows() {
        Run run = Run.of(
                mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown in local recipient table",
                        "alice@remote.example", "nobody@example.org"),
                mx.client(2, 11, "AAA111", "192.0.2.10"),
                mx.qmgr(3, "AAA111", "alice@remote.example", 100),
                mx.disconnect(3, 11, "192.0.2.10"),
                mx.delivery(4, "local", "AAA111").to("bob@example.org").local().build(),
                mx.removed(4, "AAA111"));
        MessageTrace t = run.only();
        assertThat(t.queueIds()).containsExactly("AAA111");
        Map<String, RecipientOutcome> rows = Run.rows(t);
        assertThat(rows.get("nobody@example.org").status()).isEqualTo(DeliveryStatus.Failed);
        assertThat(rows.get("bob@example.org").status()).isEqualTo(DeliveryStatus.Delivered);
        assertThat(t.events()).extracting(TraceEvent::event)
                .containsExactly(EventType.REJECT, EventType.RECEIVE, EventType.DELIVER);
        assertThat(run.everDeleted).as("the interim NOQUEUE trace was emitted, then merged away").hasSize(1);
    }

    @Test
    void connectStageRejectHasOneRowWithoutRecipient() {
        MessageTrace t = Run.of(mx.noqueue(0, 11, "CONNECT", "192.0.2.66", 554, "5.7.1",
                "Service unavailable; Client host [192.0.2.66] blocked using zen.spamhaus.org", null, null)).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEmpty();
            assertThat(r.status()).isEqualTo(DeliveryStatus.Failed);
        });
    }

    @Test
    void mailStageRejectEndsTheTransaction() {
        Run run = Run.of(
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "unknown", "a@remote.example", "bob@example.org"),
                mx.noqueue(2, 11, "MAIL", "192.0.2.10", 553, "5.1.8", "Sender address rejected: Domain not found",
                        "a@remote.example", null),
                mx.noqueue(3, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "unknown", "a@remote.example", "carol@example.org"));
        assertThat(run.traces()).hasSize(3);
    }

    @Test
    void dataStageRejectAfterOnlyRefusedRecipientsKeepsEachRecipientsOwnStatus() {
        Run run = Run.of(
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 450, "4.7.1", "greylisted", "a@remote.example", "bob@example.org"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "unknown", "a@remote.example", "carol@example.org"),
                mx.noqueue(1, 11, "DATA", "192.0.2.10", 554, "5.5.1", "Error: no valid recipients",
                        "a@remote.example", null));
        MessageTrace t = run.only();
        // "no valid recipients" is the consequence of the RCPT refusals, not an outcome of its own.
        assertThat(Run.rows(t)).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().status())
                .containsExactly("bob@example.org=Pending", "carol@example.org=Failed");
        assertThat(t.events()).extracting(TraceEvent::event)
                .containsExactly(EventType.REJECT, EventType.REJECT, EventType.REJECT);
    }

    @Test
    void postscreenRejectsAreOneTraceEach() {
        Run run = Run.of(mx.postscreen(0, "192.0.2.66", "Service unavailable; blocked"),
                mx.postscreen(0, "192.0.2.67", "Service unavailable; blocked"));
        assertThat(run.traces()).hasSize(2);
    }

    @Test
    void unknownLocalUserRejectTeachesTheAcceptedDomain() {
        Run run = Run.of(
                mx.noqueue(1, 11, "RCPT", "127.0.0.1", 550, "5.1.1",
                        "<nobody@example.org>: Recipient address rejected: User unknown in local recipient table",
                        "app@example.org", "nobody@example.org"));
        assertThat(run.only().recipients().get(0).direction()).isEqualTo(Direction.Internal);
    }

    @Test
    void queuedRejectAtEndOfMessageFailsTheWholeMessage() {
        MessageTrace t = Run.of(
                mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "reject", "END-OF-MESSAGE", "192.0.2.10", 550, "5.7.1",
                        "Message rejected", "a@remote.example", "bob@example.org"),
                mx.removed(1, "AAA111")).only();
        assertThat(t.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipientAddress()).isEqualTo("bob@example.org");
            assertThat(r.status()).isEqualTo(DeliveryStatus.Failed);
        });
    }

    @Test
    void smtpdHoldQuarantinesAndDiscardDrops() {
        MessageTrace held = Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "hold", "RCPT", "192.0.2.10", 0, null, "Sender review",
                        "a@remote.example", "bob@example.org")).only();
        assertThat(held.recipients().get(0).status()).isEqualTo(DeliveryStatus.Quarantined);
        assertThat(held.events()).extracting(TraceEvent::event).contains(EventType.QUARANTINE);

        MessageTrace dropped = Run.of(mx.client(0, 11, "AAA111", "192.0.2.10"),
                mx.decision(1, 11, "AAA111", "discard", "RCPT", "192.0.2.10", 0, null, "junk",
                        "a@remote.example", "bob@example.org")).only();
        assertThat(dropped.recipients().get(0).status()).isEqualTo(DeliveryStatus.Dropped);
    }
}
