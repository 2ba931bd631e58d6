package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;

class SmtpdLinesTest {
    private static final String SMTPD = "postfix/smtpd";

    @Test
    void connectAndDisconnectNameTheClient() {
        SmtpConnect connect = event(SmtpConnect.class, SMTPD, "connect from mail.example.org[192.0.2.10]");
        assertThat(connect.client()).isEqualTo(new Peer("mail.example.org", "192.0.2.10", null));
        SmtpDisconnect disconnect = event(SmtpDisconnect.class, SMTPD,
                "disconnect from unknown[2001:db8::7] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
        assertThat(disconnect.client()).isEqualTo(new Peer("unknown", "2001:db8::7", null));
    }

    @Test
    void queuedClientLineCarriesSaslAndOriginalClient() {
        QueuedFromClient plain = event(QueuedFromClient.class, SMTPD, "3F1B6C0423: client=a.example[192.0.2.1]");
        assertThat(plain.queueId().value()).isEqualTo("3F1B6C0423");
        assertThat(plain.client().ip()).isEqualTo("192.0.2.1");
        assertThat(plain.saslUsername()).isNull();

        QueuedFromClient sasl = event(QueuedFromClient.class, "postfix/submission/smtpd",
                "4XwH2p1Yv5zBQ3K: client=laptop.example[198.51.100.4], sasl_method=PLAIN, sasl_username=alice@example.org");
        assertThat(QueueIds.isLong(sasl.queueId())).isTrue();
        assertThat(sasl.saslMethod()).isEqualTo("PLAIN");
        assertThat(sasl.saslUsername()).isEqualTo("alice@example.org");
        assertThat(sasl.meta().program()).isEqualTo("smtpd");
        assertThat(sasl.meta().instance()).isEqualTo("postfix");

        QueuedFromClient forwarded = event(QueuedFromClient.class, SMTPD,
                "51BD826EBE: client=localhost[127.0.0.1], orig_client=backoffice.example[192.0.2.249]");
        assertThat(forwarded.origClient()).isEqualTo(new Peer("backoffice.example", "192.0.2.249", null));
    }

    @Test
    void noqueueRejectAtRcptBecomesDecisionWithoutQueueId() {
        SmtpDecision d = event(SmtpDecision.class, SMTPD,
                "NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 550 5.1.1 <bob@example.org>: Recipient address rejected:"
                        + " User unknown in virtual mailbox table; from=<spam@example.net> to=<bob@example.org> proto=ESMTP helo=<x.example>");
        assertThat(d.queueId()).isNull();
        assertThat(d.action()).isEqualTo("reject");
        assertThat(d.stage()).isEqualTo("RCPT");
        assertThat(d.client()).isEqualTo(new Peer("unknown", "203.0.113.5", null));
        assertThat(d.reply()).isEqualTo(new SmtpReply(550, "5.1.1",
                "<bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table"));
        assertThat(d.envelope()).isEqualTo(new Envelope("spam@example.net", "bob@example.org", "ESMTP", "x.example"));
        assertThat(d.argument()).isNull();
    }

    @Test
    void rejectTextWithSemicolonsKeepsThemInTheReply() {
        SmtpDecision d = event(SmtpDecision.class, SMTPD,
                "NOQUEUE: reject: RCPT from x.example[192.0.2.58]: 554 5.7.1 Service unavailable; Client host [192.0.2.58]"
                        + " blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.58; from=<> to=<b@example.org> proto=ESMTP helo=<x>");
        assertThat(d.reply().text()).endsWith("https://www.spamhaus.org/query/ip/192.0.2.58");
        assertThat(d.envelope().from()).isEmpty();
    }

    @Test
    void queuedDecisionsCarryTheQueueIdAndTheActionArgument() {
        SmtpDecision hold = event(SmtpDecision.class, SMTPD,
                "A1B2C3D4E5: hold: RCPT from a.example[192.0.2.1]: <b@example.org>: Recipient address triggers HOLD action;"
                        + " from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>");
        assertThat(hold.queueId().value()).isEqualTo("A1B2C3D4E5");
        assertThat(hold.action()).isEqualTo("hold");
        assertThat(hold.argument()).isNull();
        assertThat(hold.reply().code()).isZero();

        SmtpDecision redirect = event(SmtpDecision.class, SMTPD,
                "A1B2C3D4E5: redirect: RCPT from a.example[192.0.2.1]: <b@example.org>: Recipient address triggers"
                        + " REDIRECT audit@example.org; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>");
        assertThat(redirect.argument()).isEqualTo("audit@example.org");

        SmtpDecision filter = event(SmtpDecision.class, SMTPD,
                "NOQUEUE: filter: RCPT from a.example[192.0.2.1]: <a@example.net>: Sender address triggers FILTER"
                        + " smtp:[127.0.0.1]:10025; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>");
        assertThat(filter.argument()).isEqualTo("smtp:[127.0.0.1]:10025");
    }

    @ParameterizedTest(name = "stage {0}")
    @ValueSource(strings = {"CONNECT", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "END-OF-MESSAGE", "BDAT", "VRFY", "ETRN"})
    void everySmtpStageIsRead(String stage) {
        SmtpDecision d = event(SmtpDecision.class, SMTPD, "NOQUEUE: reject: " + stage
                + " from a.example[192.0.2.1]: 554 5.7.1 <a.example[192.0.2.1]>: Client host rejected: Access denied; proto=ESMTP helo=<a>");
        assertThat(d.stage()).isEqualTo(stage);
        assertThat(d.envelope().helo()).isEqualTo("a");
        assertThat(d.envelope().from()).isNull();
    }

    @Test
    void beforeQueueFilterVerdictsAreProxyDecisions() {
        SmtpDecision reject = event(SmtpDecision.class, SMTPD,
                "proxy-reject: END-OF-MESSAGE: 554 5.7.1 Rejected for policy reasons (381C4E5DFA31DF9E90F);"
                        + " from=<s@example.net> to=<t@example.org> proto=ESMTP helo=<h.example>");
        assertThat(reject.action()).isEqualTo("proxy-reject");
        assertThat(reject.stage()).isEqualTo("END-OF-MESSAGE");
        assertThat(reject.client()).isNull();
        assertThat(reject.reply().text()).contains("381C4E5DFA31DF9E90F");

        SmtpDecision accept = event(SmtpDecision.class, SMTPD,
                "9F8E7D6C5B: proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as 1A2B3C4D5E; from=<s@example.net>"
                        + " to=<t@example.org> proto=ESMTP helo=<h.example>");
        assertThat(accept.queueId().value()).isEqualTo("9F8E7D6C5B");
        assertThat(accept.reply().code()).isEqualTo(250);
    }

    @Test
    void sessionNoiseIsIgnoredWithAReason() {
        assertThat(ignoredReason(SMTPD, "lost connection after DATA (0 bytes) from unknown[192.0.2.1]")).isEqualTo("smtpd: lost connection");
        assertThat(ignoredReason(SMTPD, "timeout after END-OF-MESSAGE from unknown[192.0.2.1]")).isEqualTo("smtpd: timeout");
        assertThat(ignoredReason(SMTPD, "warning: hostname x.example does not resolve to address 192.0.2.1")).isEqualTo("smtpd: warning");
        assertThat(ignoredReason(SMTPD, "Anonymous TLS connection established from a[192.0.2.1]: TLSv1.3 with cipher X (256/256 bits)"))
                .isEqualTo("smtpd: TLS established");
        assertThat(ignoredReason(SMTPD, "improper command pipelining after EHLO from a[192.0.2.1]: QUIT")).isEqualTo("smtpd: improper pipelining");
        assertThat(ignoredReason(SMTPD, "too many errors after RCPT from a[192.0.2.1]")).isEqualTo("smtpd: too many errors");
        assertThat(ignoredReason(SMTPD, "NOQUEUE: client=a.example[192.0.2.1]")).isEqualTo("smtpd: NOQUEUE client (before-queue filter)");
    }

    @Test
    void queueFileSizeLimitWarningIsASizeReject() {
        ContentDecision d = event(ContentDecision.class, SMTPD, "warning: 3999BEB4021: queue file size limit exceeded");
        assertThat(d.queueId().value()).isEqualTo("3999BEB4021");
        assertThat(d.action()).isEqualTo("reject");
        assertThat(d.source()).isEqualTo("message size");
        assertThat(d.meta().program()).isEqualTo("smtpd");
    }

    @Test
    void brokenLinesWithQueueIdAreMalformedNotThrown() {
        assertThat(malformedReason(SMTPD, "NOQUEUE: reject: RCPT frm a[1.2.3.4]: 550 x")).isEqualTo("smtpd: unparsable decision line");
        assertThat(malformedReason(SMTPD, "3F1B6C0423: client=")).isEqualTo("smtpd: unparsable client line");
        assertThat(malformedReason(SMTPD, "3F1B6C0423: something new")).isEqualTo("smtpd: unrecognised queue line");
        assertThat(malformedReason(SMTPD, "connect from nowhere")).isEqualTo("smtpd: unparsable connect line");
    }
}
