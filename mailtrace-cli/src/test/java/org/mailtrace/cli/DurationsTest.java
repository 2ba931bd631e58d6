package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheUnitsPeopleType() {
        assertThat(Durations.parse("--poll-interval", "200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(Durations.parse("--commit-interval", "1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.parse("--commit-interval", "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("x", "1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("x", "1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void rejectsZeroUnknownUnitsAndNonNumbersNamingTheOption() {
        assertThatThrownBy(() -> Durations.parse("--poll-interval", "0ms")).hasMessageContaining("--poll-interval must be more than 0");
        assertThatThrownBy(() -> Durations.parse("--poll-interval", "5 weeks")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Durations.parse("--poll-interval", "fast")).hasMessageContaining("--poll-interval 'fast' is not a duration");
        assertThatThrownBy(() -> Durations.parse("--poll-interval", "99999999999999s")).hasMessageContaining("is not a duration");
    }
}
