package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.exim.EximLinesFixture.event;
import static org.mailtrace.format.exim.EximLinesFixture.parse;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.Peer;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;

class RejectLinesTest {
    private static final String AT = "2026-11-28 12:44:35 ";

    @Test
    void aRecipientRefusedWithoutMessageId() {
        SmtpDecision d = event(SmtpDecision.class, AT + "H=mail.example.org (helo.example.org) [192.0.2.1]:4711"
                + " F=<alice@example.org> rejected RCPT <bob@example.net>: relay not permitted");
        assertThat(d.queueId()).isNull();
        assertThat(d.action()).isEqualTo("reject");
        assertThat(d.stage()).isEqualTo("RCPT");
        assertThat(d.client()).isEqualTo(new Peer("mail.example.org", "192.0.2.1", 4711));
        assertThat(d.envelope().from()).isEqualTo("alice@example.org");
        assertThat(d.envelope().to()).isEqualTo("bob@example.net");
        assertThat(d.envelope().helo()).isEqualTo("helo.example.org");
        assertThat(d.reply().text()).isEqualTo("relay not permitted");
        assertThat(d.reply().code()).isZero();
        assertThat(d.meta().pid()).isEqualTo(-1);
    }

    @Test
    void aTemporaryRefusalIsMarkedTransient() {
        SmtpDecision d = event(SmtpDecision.class, AT + "H=(x) [192.0.2.1] F=<a@b> temporarily rejected RCPT <c@d>: greylisted");
        assertThat(d.reply().dsn()).isEqualTo("4.0.0");
        assertThat(d.reply().text()).isEqualTo("greylisted");
        assertThat(event(SmtpDecision.class, AT + "U=CALLER F=<a@b> temporarily rejected RCPT <c@d>").reply().text())
                .isEqualTo("temporarily rejected");
    }

    @Test
    void senderHeloConnectionAndAfterDataStages() {
        SmtpDecision mail = event(SmtpDecision.class, AT + "H=(x) [192.0.2.1] rejected MAIL <spam@example.com>: go away");
        assertThat(mail.stage()).isEqualTo("MAIL");
        assertThat(mail.envelope().from()).isEqualTo("spam@example.com");
        assertThat(event(SmtpDecision.class, AT + "rejected EHLO from [192.0.2.1]: syntactically invalid argument(s): _")
                .stage()).isEqualTo("EHLO");
        SmtpDecision connect = event(SmtpDecision.class, AT + "H=[192.0.2.1] rejected connection in \"connect\" ACL: 550 go");
        assertThat(connect.stage()).isEqualTo("CONNECT");
        SmtpDecision data = event(SmtpDecision.class,
                AT + "1uAbCd-0001Xy-7Q H=(x) [192.0.2.1] F=<a@b> rejected after DATA: Your message looks like spam");
        assertThat(data.queueId().value()).isEqualTo("1uAbCd-0001Xy-7Q");
        assertThat(data.stage()).isEqualTo("DATA");
        assertThat(event(SmtpDecision.class,
                AT + "1uAbCd-0001Xy-7Q F=<a@b> H=(x) [127.0.0.1] P=esmtp rejected by local_scan(): no").stage())
                .isEqualTo("DATA");
    }

    @Test
    void anAclDiscardOfOneRecipient() {
        SmtpDecision d = event(SmtpDecision.class,
                AT + "H=(x) [192.0.2.1] F=<a@b> RCPT <c@d>: discarded by RCPT ACL: discard message 1");
        assertThat(d.action()).isEqualTo("discard");
        assertThat(d.stage()).isEqualTo("RCPT");
        assertThat(d.envelope().to()).isEqualTo("c@d");
        assertThat(d.reply().text()).isEqualTo("discarded by RCPT ACL: discard message 1");
    }

    @Test
    void remarksThatMentionARejectAreNoRefusal() {
        assertThat(parse(AT + "SMTP protocol synchronization error (input sent without waiting for greeting): rejected"
                + " connection from H=[192.0.2.1] input=\"x\"")).isInstanceOf(ParseResult.Ignored.class);
        assertThat(event(DeliveryNote.class, AT + "1uAbCd-0001Xy-7Q SMTP error from remote mail server after"
                + " RCPT TO:<c@d>: 550 rejected").text()).startsWith("SMTP error");
    }
}
