package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.exim.EximLinesFixture.parse;

import org.junit.jupiter.api.Test;

class EximAdviceTest {

    @Test
    void debiansDefaultSelectorIsToldWhatToAdd() {
        EximAdvice advice = new EximAdvice();
        advice.saw(parse("2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= a@b H=(x) [192.0.2.1] P=esmtp S=1"));
        assertThat(advice.advice()).containsExactly(
                "no subjects in this log: add +subject to log_selector",
                "no recipients on arrival lines: add +received_recipients to log_selector"
                        + " (a message not yet delivered shows no recipients)",
                "no process IDs in this log: add +pid to log_selector"
                        + " (refused recipients then join the message of their SMTP session)");
    }

    @Test
    void aFullSelectorNeedsNoAdviceAndALogWithoutArrivalsGetsNone() {
        EximAdvice full = new EximAdvice();
        full.saw(parse("2026-11-28 12:00:00 [12] 1uAbCd-0001Xy-7Q <= a@b H=(x) [192.0.2.1] P=esmtp S=1 T=\"hi\" for c@d"));
        assertThat(full.advice()).isEmpty();
        EximAdvice none = new EximAdvice();
        none.saw(parse("2026-11-28 12:00:00 Start queue run: pid=1"));
        assertThat(none.advice()).isEmpty();
    }
}
