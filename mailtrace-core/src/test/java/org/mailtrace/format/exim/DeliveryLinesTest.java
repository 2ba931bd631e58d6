package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.exim.EximLinesFixture.event;
import static org.mailtrace.format.exim.EximLinesFixture.ignoredReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.Peer;
import org.mailtrace.event.SmtpDecision;

class DeliveryLinesTest {
    private static final String AT = "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q ";

    @Test
    void aRemoteDeliveryNamesHostReplyAndTheNextHopsId() {
        DeliveryAttempt d = event(DeliveryAttempt.class, AT + "=> bob@example.net R=dnslookup T=remote_smtp"
                + " H=mx.example.net [192.0.2.25]:25 X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes"
                + " C=\"250 OK id=1uAbCz-000000002Ab-0000\" DT=1s");
        assertThat(d.recipient()).isEqualTo("bob@example.net");
        assertThat(d.origRecipient()).isNull();
        assertThat(d.status()).isEqualTo("sent");
        assertThat(d.meta().program()).isEqualTo("smtp");
        assertThat(d.relay()).isEqualTo("mx.example.net[192.0.2.25]:25");
        assertThat(d.relayPeer()).isEqualTo(new Peer("mx.example.net", "192.0.2.25", 25));
        assertThat(d.reply()).isEqualTo("250 OK id=1uAbCz-000000002Ab-0000");
        assertThat(d.queuedAs().value()).isEqualTo("1uAbCz-000000002Ab-0000");
        assertThat(d.delay()).isEqualTo("1s");
    }

    @Test
    void aPostfixNextHopIsLinkedByItsQueuedAs() {
        assertThat(event(DeliveryAttempt.class, AT + "=> bob@example.net R=r T=t H=mx [192.0.2.25]"
                + " C=\"250 2.0.0 Ok: queued as 4F2A1C0423\"").queuedAs().value()).isEqualTo("4F2A1C0423");
        assertThat(event(DeliveryAttempt.class, AT + "=> bob@example.net R=r T=t H=mx [192.0.2.25] C=\"250 OK\"")
                .queuedAs()).isNull();
    }

    @Test
    void aLocalDeliveryOfTheLocalPartIsForTheOriginalAddress() {
        DeliveryAttempt d = event(DeliveryAttempt.class, AT + "=> bob <bob@example.org> R=local_user T=mail_spool");
        assertThat(d.recipient()).isEqualTo("bob@example.org");
        assertThat(d.origRecipient()).isNull();
        assertThat(d.meta().program()).isEqualTo("local");
        assertThat(d.relay()).isEqualTo("mail_spool");
    }

    @Test
    void aRedirectKeepsTheOriginalAddress() {
        DeliveryAttempt d = event(DeliveryAttempt.class,
                AT + "-> carol@example.net <team@example.org> R=dnslookup T=remote_smtp H=mx [192.0.2.25] C=\"250 OK\"");
        assertThat(d.recipient()).isEqualTo("carol@example.net");
        assertThat(d.origRecipient()).isEqualTo("team@example.org");
        assertThat(d.status()).isEqualTo("sent");
    }

    @Test
    void pipesFilesAndBlackholesAreDeliveriesOfTheOriginalAddress() {
        DeliveryAttempt pipe = event(DeliveryAttempt.class, AT + "=> |/usr/bin/procmail <bob@example.org> R=r T=address_pipe");
        assertThat(pipe.recipient()).isEqualTo("bob@example.org");
        assertThat(pipe.meta().program()).isEqualTo("pipe");
        assertThat(pipe.reply()).isEqualTo("delivered to command /usr/bin/procmail");
        DeliveryAttempt hole = event(DeliveryAttempt.class, AT + "=> :blackhole: <spam@example.org> R=system_aliases");
        assertThat(hole.recipient()).isEqualTo("spam@example.org");
        assertThat(hole.meta().program()).isEqualTo("discard");
        assertThat(hole.status()).isEqualTo("sent");
    }

    @Test
    void cutthroughAndSuppressedDeliveries() {
        assertThat(event(DeliveryAttempt.class, AT + ">> bob@example.net R=r T=smtp H=127.0.0.1 [127.0.0.1] C=\"250 OK\"")
                .status()).isEqualTo("sent");
        DeliveryAttempt suppressed = event(DeliveryAttempt.class, AT + "*> bob <bob@example.org> R=r T=local_delivery");
        assertThat(suppressed.meta().program()).isEqualTo("discard");
    }

    @Test
    void failuresCarryTheirReasonInEveryForm() {
        DeliveryAttempt a = event(DeliveryAttempt.class, AT + "** nobody@example.org R=r0: bounced (:fail:)");
        assertThat(a.status()).isEqualTo("bounced");
        assertThat(a.recipient()).isEqualTo("nobody@example.org");
        assertThat(a.reply()).isEqualTo("bounced (:fail:)");
        assertThat(event(DeliveryAttempt.class, AT + "** nobody@example.org : Unrouteable address").reply())
                .isEqualTo("Unrouteable address");
        assertThat(event(DeliveryAttempt.class, AT + "** b@known.ex: retry timeout exceeded").recipient())
                .isEqualTo("b@known.ex");
        DeliveryAttempt remote = event(DeliveryAttempt.class, AT + "** bob@example.net R=dnslookup T=remote_smtp"
                + " H=mx.example.net [192.0.2.25] : SMTP error from remote mail server after RCPT TO:<bob@example.net>:"
                + " 550 5.1.1 User unknown");
        assertThat(remote.reply()).endsWith("550 5.1.1 User unknown");
        assertThat(remote.meta().program()).isEqualTo("smtp");
    }

    @Test
    void deferralsAreRetriedAttemptsAndRetryTimeNotReachedIsOneToo() {
        DeliveryAttempt d = event(DeliveryAttempt.class, AT + "== bob@example.net R=dnslookup T=remote_smtp"
                + " defer (-44) H=mx [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 451 later");
        assertThat(d.status()).isEqualTo("deferred");
        assertThat(d.meta().program()).isEqualTo("exim");
        assertThat(d.reply()).startsWith("defer (-44)");
        // Exim did not try, but the recipient is still waiting: it may have no other line in this log.
        DeliveryAttempt notTried = event(DeliveryAttempt.class, AT + "== bob@example.net R=r T=t defer (-53): retry time not reached for any host");
        assertThat(notTried.status()).isEqualTo("deferred");
        assertThat(notTried.recipient()).isEqualTo("bob@example.net");
        assertThat(event(DeliveryAttempt.class, AT + "== d@test.ex R=smart T=local_delivery defer (-53): Retry time not yet reached")
                .reply()).contains("Retry time not yet reached");
    }

    @Test
    void aPipeWithArgumentsAFilterActionAndAnAutoreplyNameTheirAddress() {
        assertThat(event(DeliveryAttempt.class, AT + "** |/bin/echo \"Some pipe output\" <userx@myhost.test.ex> R=r1 T=t2 : return message generated")
                .recipient()).isEqualTo("userx@myhost.test.ex");
        assertThat(event(DeliveryAttempt.class, AT + "== save bfolder <t2@test.ex> R=r2 T=t2 defer (-21): appendfile: not absolute")
                .recipient()).isEqualTo("t2@test.ex");
        DeliveryAttempt reply = event(DeliveryAttempt.class, AT + "=> >CALLER@test.ex <system-filter> T=address_reply");
        assertThat(reply.recipient()).isEqualTo("CALLER@test.ex");
        assertThat(reply.origRecipient()).isNull();
        assertThat(event(DeliveryAttempt.class, AT + "=> >a@test.ex,b@test.ex <userx@test.ex> R=r2 T=t1").recipient())
                .isEqualTo("userx@test.ex");
    }

    @Test
    void anAclDiscardOfTheWholeMessage() {
        SmtpDecision d = event(SmtpDecision.class, AT + "=> blackhole (DATA ACL discarded recipients): spam");
        assertThat(d.action()).isEqualTo("discard");
        assertThat(d.stage()).isEqualTo("DATA");
        assertThat(d.queueId().value()).isEqualTo("1uAbCd-0001Xy-7Q");
        assertThat(d.reply().text()).isEqualTo("DATA ACL discarded recipients: spam");
    }
}
