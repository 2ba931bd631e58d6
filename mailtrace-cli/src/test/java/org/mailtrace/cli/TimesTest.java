package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {
    @Test
    void dateAloneStartsAtMidnightUtc() {
        assertThat(Times.start("2026-11-28")).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void dateAloneAsEndIncludesTheWholeDay() {
        assertThat(Times.end("2026-11-28")).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    }

    @Test
    void dateTimeWithoutZoneIsUtc() {
        assertThat(Times.start("2026-11-28T14:05")).isEqualTo(Instant.parse("2026-11-28T14:05:00Z"));
        assertThat(Times.start("2026-11-28 14:05:30")).isEqualTo(Instant.parse("2026-11-28T14:05:30Z"));
    }

    @Test
    void dateTimeWithZoneIsConverted() {
        assertThat(Times.start("2026-11-28T14:05:00+01:00")).isEqualTo(Instant.parse("2026-11-28T13:05:00Z"));
        assertThat(Times.start("2026-11-28T14:05:00+0100")).isEqualTo(Instant.parse("2026-11-28T13:05:00Z"));
        assertThat(Times.start("2026-11-28T14:05:00Z")).isEqualTo(Instant.parse("2026-11-28T14:05:00Z"));
    }

    @Test
    void garbageIsRejectedWithAnExample() {
        assertThatThrownBy(() -> Times.start("28/11/2026")).hasMessageContaining("e.g. 2026-11-28");
    }
}
