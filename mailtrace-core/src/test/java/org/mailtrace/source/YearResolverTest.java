package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class YearResolverTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalTime NOON = LocalTime.NOON;

    @Test
    void newYearIncrementsTheExplicitYear() {
        YearResolver years = YearResolver.startingIn(2023);
        assertThat(years.yearOf(12, 31, LocalTime.of(23, 59, 59))).isEqualTo(2023);
        assertThat(years.yearOf(1, 1, LocalTime.MIDNIGHT)).isEqualTo(2024);
        assertThat(years.yearOf(1, 2, NOON)).isEqualTo(2024);
    }

    @Test
    void lateDecemberStragglersAfterTheWrapStayInTheOldYear() {
        YearResolver years = YearResolver.startingIn(2023);
        years.yearOf(12, 31, NOON);
        assertThat(years.yearOf(1, 1, LocalTime.MIDNIGHT)).isEqualTo(2024);
        assertThat(years.yearOf(12, 31, LocalTime.of(23, 59, 59))).isEqualTo(2023);
        assertThat(years.yearOf(1, 1, LocalTime.of(0, 0, 1))).isEqualTo(2024);
    }

    @Test
    void smallBackwardStepsKeepTheYear() {
        YearResolver years = YearResolver.startingIn(2023);
        years.yearOf(4, 1, LocalTime.of(0, 0, 5));
        assertThat(years.yearOf(3, 31, LocalTime.of(23, 59, 58))).isEqualTo(2023);
        assertThat(years.yearOf(4, 1, LocalTime.of(0, 0, 6))).isEqualTo(2023);
        // DST end: the same local hour twice.
        assertThat(years.yearOf(10, 29, LocalTime.of(2, 30))).isEqualTo(2023);
        assertThat(years.yearOf(10, 29, LocalTime.of(2, 5))).isEqualTo(2023);
    }

    @Test
    void forwardGapsKeepTheYear() {
        YearResolver years = YearResolver.startingIn(2020);
        years.yearOf(3, 28, NOON);
        assertThat(years.yearOf(10, 31, NOON)).isEqualTo(2020);
        assertThat(years.yearOf(12, 31, NOON)).isEqualTo(2020);
        assertThat(years.yearOf(1, 1, NOON)).isEqualTo(2021);
    }

    @Test
    void firstLineTakesTheReferenceYear() {
        YearResolver years = YearResolver.near(Instant.parse("2024-06-10T08:00:00Z"), UTC);
        assertThat(years.yearOf(6, 10, LocalTime.of(7, 0))).isEqualTo(2024);
    }

    @Test
    void firstLineMoreThanADayAfterTheReferenceIsLastYear() {
        // A file modified on Jan 2 whose first line says Dec 30: written last year.
        YearResolver years = YearResolver.near(Instant.parse("2024-01-02T10:00:00Z"), UTC);
        assertThat(years.yearOf(12, 30, NOON)).isEqualTo(2023);
        assertThat(years.yearOf(1, 1, NOON)).isEqualTo(2024);
    }

    @Test
    void firstLineWithinADayAfterTheReferenceKeepsTheReferenceYear() {
        // Clock skew or zone confusion of a few hours must not move the line a year back.
        assertThat(YearResolver.firstYear(6, 10, LocalTime.of(20, 0), Instant.parse("2024-06-10T08:00:00Z"), UTC))
                .isEqualTo(2024);
        assertThat(YearResolver.firstYear(6, 12, LocalTime.of(20, 0), Instant.parse("2024-06-10T08:00:00Z"), UTC))
                .isEqualTo(2023);
    }

    @Test
    void february29FindsTheLeapYearBeforeANonLeapReference() {
        assertThat(YearResolver.firstYear(2, 29, NOON, Instant.parse("2025-03-01T00:00:00Z"), UTC)).isEqualTo(2024);
        assertThat(YearResolver.firstYear(2, 29, NOON, Instant.parse("2024-03-01T00:00:00Z"), UTC)).isEqualTo(2024);
    }

    @Test
    void leapDayIsFollowedByMarchInTheSameYear() {
        YearResolver years = YearResolver.startingIn(2024);
        assertThat(years.yearOf(2, 28, NOON)).isEqualTo(2024);
        assertThat(years.yearOf(2, 29, NOON)).isEqualTo(2024);
        assertThat(years.yearOf(3, 1, NOON)).isEqualTo(2024);
    }

    @Test
    void observedDatesResetTheState() {
        YearResolver years = YearResolver.startingIn(2000);
        years.yearOf(5, 1, NOON);
        years.observe(LocalDate.of(2023, 12, 31));
        assertThat(years.yearOf(12, 31, NOON)).isEqualTo(2023);
        assertThat(years.yearOf(1, 1, NOON)).isEqualTo(2024);
    }

    @Test
    void referenceYearIsTakenInTheGivenZone() {
        // 2023-12-31T23:30Z is already 2024 in Berlin.
        YearResolver years = YearResolver.near(Instant.parse("2023-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin"));
        assertThat(years.yearOf(1, 1, LocalTime.of(0, 20))).isEqualTo(2024);
    }
}
