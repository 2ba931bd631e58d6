package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;

class PostfixRulesTest {
    private final PostfixRules rules = new PostfixRules();

    private static LineMeta meta(String program, long pid) {
        return new LineMeta(Instant.parse("2026-03-02T10:00:00Z"), "mx1", "postfix", program, pid, null, "x");
    }

    private static SmtpDecision decision(String program, String action, String reply) {
        return new SmtpDecision(meta(program, 11), null, action, "END-OF-MESSAGE", null,
                new SmtpReply(250, "2.0.0", reply), new Envelope("a@x", "b@y", "ESMTP", "h"), null);
    }

    @Test
    void aProxyAcceptNamesTheQueueIdBehindTheFilter() {
        assertThat(rules.acceptedAs(decision("smtpd", "proxy-accept", "Ok: queued as 4F2A1C0423"))).isEqualTo("4F2A1C0423");
        assertThat(rules.acceptedAs(decision("smtpd", "proxy-accept", "Ok: queued as: 4XwH2p1Yv5zBQ3K")))
                .isEqualTo("4XwH2p1Yv5zBQ3K");
    }

    @Test
    void onlyAProxyAcceptWithAPostfixShapedIdNamesOne() {
        assertThat(rules.acceptedAs(decision("smtpd", "proxy-accept", "Ok: queued as 1rAbCd-000Abc-7Q"))).isNull();
        assertThat(rules.acceptedAs(decision("smtpd", "proxy-accept", "Ok"))).isNull();
        assertThat(rules.acceptedAs(decision("smtpd", "reject", "queued as 4F2A1C0423"))).isNull();
    }

    @Test
    void sessionsAreSmtpdProcessesAndPostscreenStandsApart() {
        assertThat(rules.sessionKey(meta("smtpd", 11))).isEqualTo("mx1/postfix|11");
        assertThat(rules.sessionKey(meta("smtpd", -1))).isNull();
        assertThat(rules.joinsSession(decision("smtpd", "reject", "no"))).isTrue();
        assertThat(rules.joinsSession(decision("postscreen", "reject", "no"))).isFalse();
    }
}
