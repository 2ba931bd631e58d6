package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.Peer;
import org.mailtrace.event.SmtpDecision;

class PostscreenLinesTest {
    private static final String POSTSCREEN = "postfix/postscreen";

    @Test
    void rejectAfterScreeningIsADecisionWithClientPort() {
        SmtpDecision d = event(SmtpDecision.class, POSTSCREEN,
                "NOQUEUE: reject: RCPT from [203.0.113.9]:41234: 550 5.7.1 Service unavailable; client [203.0.113.9]"
                        + " blocked using zen.spamhaus.org; from=<x@example.net>, to=<bob@example.org>, proto=ESMTP, helo=<x.example>");
        assertThat(d.queueId()).isNull();
        assertThat(d.client()).isEqualTo(new Peer(null, "203.0.113.9", 41234));
        assertThat(d.reply().code()).isEqualTo(550);
        assertThat(d.envelope().from()).isEqualTo("x@example.net");
        assertThat(d.envelope().to()).isEqualTo("bob@example.org");
        assertThat(d.envelope().proto()).isEqualTo("ESMTP");
        assertThat(d.envelope().helo()).isEqualTo("x.example");
    }

    @Test
    void connectionLimitRejectHasNoEnvelope() {
        SmtpDecision d = event(SmtpDecision.class, POSTSCREEN, "NOQUEUE: reject: CONNECT from [192.0.2.4]:1337: too many connections");
        assertThat(d.stage()).isEqualTo("CONNECT");
        assertThat(d.reply().text()).isEqualTo("too many connections");
        assertThat(d.envelope().to()).isNull();
    }

    @Test
    void screeningStepsAreIgnored() {
        assertThat(ignoredReason(POSTSCREEN, "CONNECT from [192.0.2.37]:39508 to [192.0.2.68]:25")).isEqualTo("postscreen: screening step");
        assertThat(ignoredReason(POSTSCREEN, "PASS OLD [192.0.2.37]:39508")).isEqualTo("postscreen: screening step");
        assertThat(ignoredReason(POSTSCREEN, "DNSBL rank 3 for [192.0.2.37]:39508")).isEqualTo("postscreen: screening step");
        assertThat(ignoredReason(POSTSCREEN, "PREGREET 11 after 0.2 from [192.0.2.37]:39508: EHLO x\\r\\n")).isEqualTo("postscreen: screening step");
    }
}
