package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.Peer;

class DeliveryLinesTest {
    @Test
    void smtpDeliveryReadsEveryField() {
        DeliveryAttempt a = event(DeliveryAttempt.class, "postfix-out/smtp",
                "0D9633D: to=<jos@example.com>, orig_to=<board@example.com>, relay=mail1.example.net[192.0.2.11]:25,"
                        + " conn_use=2, delay=11, delays=5.4/0.06/5.1/0.03, tls=may, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as F12DF84004)");
        assertThat(a.meta().instance()).isEqualTo("postfix-out");
        assertThat(a.meta().program()).isEqualTo("smtp");
        assertThat(a.recipient()).isEqualTo("jos@example.com");
        assertThat(a.origRecipient()).isEqualTo("board@example.com");
        assertThat(a.relay()).isEqualTo("mail1.example.net[192.0.2.11]:25");
        assertThat(a.relayPeer()).isEqualTo(new Peer("mail1.example.net", "192.0.2.11", 25));
        assertThat(a.delay()).isEqualTo("11");
        assertThat(a.delays()).isEqualTo("5.4/0.06/5.1/0.03");
        assertThat(a.dsn()).isEqualTo("2.0.0");
        assertThat(a.status()).isEqualTo("sent");
        assertThat(a.reply()).isEqualTo("250 2.0.0 Ok: queued as F12DF84004");
        assertThat(a.queuedAs().value()).isEqualTo("F12DF84004");
        assertThat(a.forwardedAs()).isNull();
    }

    @Test
    void queuedAsTakesTheLastIdInAFilterReply() {
        DeliveryAttempt viaFilter = event(DeliveryAttempt.class, "postfix/smtp",
                "A1B2C3D4E5: to=<b@example.org>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.1, delays=0.1/0/0/1,"
                        + " dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 4AB12C9D0E)");
        assertThat(viaFilter.queuedAs().value()).isEqualTo("4AB12C9D0E");
        DeliveryAttempt amavis = event(DeliveryAttempt.class, "postfix/smtp",
                "A1B2C3D4E5: to=<b@example.org>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.1, delays=0.1/0/0/1, dsn=2.0.0,"
                        + " status=sent (250 2.0.0 Ok, id=12345-01, from MTA([127.0.0.1]:10025): 250 2.0.0 Ok: queued as 9C8B7A6F5E)");
        assertThat(amavis.queuedAs().value()).isEqualTo("9C8B7A6F5E");
        DeliveryAttempt colon = event(DeliveryAttempt.class, "postfix/lmtp",
                "A1B2C3D4E5: to=<b@example.org>, relay=h[192.0.2.1]:24, delay=1, delays=0/0/0/1, dsn=2.0.0,"
                        + " status=sent (250 2.0.0 Message accepted, queued as: 7D6C5B4A3F)");
        assertThat(colon.queuedAs().value()).isEqualTo("7D6C5B4A3F");
    }

    @Test
    void localDeliveryWithoutBracketsAndForward() {
        DeliveryAttempt a = event(DeliveryAttempt.class, "postfix/local",
                "2A22C263F6: to=user@host.example.com, orig_to=root@localhost, relay=local, delay=0.07,"
                        + " delays=0.04/0/0/0.03, dsn=2.0.0, status=sent (forwarded as 9E8D7C6B5A)");
        assertThat(a.recipient()).isEqualTo("user@host.example.com");
        assertThat(a.origRecipient()).isEqualTo("root@localhost");
        assertThat(a.relayPeer()).isNull();
        assertThat(a.forwardedAs().value()).isEqualTo("9E8D7C6B5A");
        assertThat(a.queuedAs()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"smtp", "lmtp", "local", "virtual", "pipe", "error", "discard", "retry"})
    void everyDeliveryAgentReportsAttempts(String program) {
        DeliveryAttempt a = event(DeliveryAttempt.class, "postfix/" + program,
                "25F2E5E061: to=<x@example.org>, relay=none, delay=0.05, delays=0.05/0/0/0, dsn=5.1.1, status=bounced (user unknown)");
        assertThat(a.status()).isEqualTo("bounced");
        assertThat(a.reply()).isEqualTo("user unknown");
    }

    @Test
    void unixSocketRelayHasNoNetworkPeer() {
        DeliveryAttempt a = event(DeliveryAttempt.class, "postfix/lmtp",
                "AD6E41CDC05C: to=<a@example.com>, relay=mx.example.com[private/dovecot-lmtp], delay=0.15,"
                        + " delays=0.04/0/0.02/0.08, dsn=2.0.0, status=sent (250 2.0.0 <a@example.com> Saved)");
        assertThat(a.relayPeer()).isNull();
        assertThat(a.relay()).isEqualTo("mx.example.com[private/dovecot-lmtp]");
    }

    @Test
    void queuedRemarksAreNotesAndConnectionRemarksAreIgnored() {
        DeliveryNote note = event(DeliveryNote.class, "postfix/smtp",
                "ED59C3D: host mx.example.com[192.0.2.23] said: 450 4.7.1 <u@example.com>: Recipient address rejected:"
                        + " Greylisted (in reply to RCPT TO command)");
        assertThat(note.text()).startsWith("host mx.example.com[192.0.2.23] said: 450");
        assertThat(event(DeliveryNote.class, "postfix/smtp", "B0ADE20FC7: enabling PIX workarounds: disable_esmtp for a.example[192.0.2.3]:25")
                .queueId().value()).isEqualTo("B0ADE20FC7");
        assertThat(ignoredReason("postfix/smtp", "connect to mx.example.net[192.0.2.98]:25: Connection refused"))
                .isEqualTo("smtp: connection remark without queue ID");
        assertThat(ignoredReason("postfix/smtp", "Trusted TLS connection established to mx.example.net[192.0.2.98]:25: TLSv1.2"))
                .isEqualTo("smtp: connection remark without queue ID");
    }

    @Test
    void verdictWithoutStatusIsMalformed() {
        assertThat(malformedReason("postfix/smtp", "25F2E5E061: to=<x@example.org>, relay=none, delay=0.05"))
                .isEqualTo("smtp: unparsable delivery line");
    }
}
