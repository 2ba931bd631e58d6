package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueueRemoved;

class EximRulesTest {
    private final EximRules rules = new EximRules();

    private static LineMeta meta(long pid) {
        return new LineMeta(Instant.parse("2026-11-28T12:44:35Z"), "mail", "exim", "exim", pid, null, "x");
    }

    @Test
    void completedEndsTheMessage() {
        assertThat(rules.endsMessage(new QueueRemoved(meta(-1), new QueueId("1uAbCd-0001Xy-7Q")))).isTrue();
    }

    @Test
    void aLineWithoutAPidNamesNoSession() {
        assertThat(rules.sessionKey(meta(-1))).isNull();
        assertThat(rules.sessionKey(meta(4242))).isEqualTo("mail/exim|4242");
    }
}
