package org.mailtrace.source;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Supplies the year that BSD syslog timestamps ({@code Dec 31 23:59:59}) leave out, for one stream of
 * lines read in order.
 *
 * <p>The first line's year is either given ({@code --year}) or inferred from a reference instant (the
 * file's modification time, or now): the reference's year, or the year before when that would put the
 * line more than a day after the reference (a log cannot be written in the future). After that, a
 * month that jumps back by half a year or more (Dec to Jan) starts the next year, while smaller
 * backward steps (lines slightly out of order, DST) keep the year. A Nov or Dec line met while the
 * stream is in Jan or Feb (a straggler written just before the wrap) belongs to the year before and
 * does not move the state; any other forward jump is a gap in the log and keeps the year.
 *
 * <p>Stateful and not thread-safe: use one resolver per stream.
 */
public final class YearResolver {
    /** Months a timestamp must jump to count as a year boundary rather than disorder. */
    private static final int WRAP_MONTHS = 6;
    /** How far past the reference a first line may lie (clock skew, zone confusion). */
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final Instant reference;
    private final ZoneId zone;
    private int year;
    private int previousMonth;
    private boolean started;

    private YearResolver(int firstYear, Instant reference, ZoneId zone) {
        this.year = firstYear;
        this.reference = reference;
        this.zone = zone;
    }

    /** The first line is in {@code firstYear}; later years follow from month wraps. */
    public static YearResolver startingIn(int firstYear) {
        return new YearResolver(firstYear, null, null);
    }

    /** The first line's year is inferred from {@code reference} (file modification time or now) in {@code zone}. */
    public static YearResolver near(Instant reference, ZoneId zone) {
        return new YearResolver(0, Objects.requireNonNull(reference), Objects.requireNonNull(zone));
    }

    /**
     * The year of a line stamped with {@code month}/{@code day}/{@code time}, updating the state.
     * The result may still make an impossible date (Feb 29 with an explicit non-leap year); the caller checks.
     */
    public int yearOf(int month, int day, LocalTime time) {
        if (!started) {
            if (reference != null) {
                year = firstYear(month, day, time, reference, zone);
            }
            started = true;
            previousMonth = month;
            return year;
        }
        int step = month - previousMonth;
        if (step <= -WRAP_MONTHS) {
            year++;
            previousMonth = month;
            return year;
        }
        if (step >= WRAP_MONTHS && previousMonth <= 2 && month >= 11) {
            return year - 1;
        }
        previousMonth = month;
        return year;
    }

    /**
     * Tells the resolver about a line that carried its own date (RFC 3339 in a mixed file), so later
     * BSD lines continue from it.
     */
    public void observe(LocalDate date) {
        year = date.getYear();
        previousMonth = date.getMonthValue();
        started = true;
    }

    /**
     * The year of a first line stamped {@code month}/{@code day}/{@code time} (in {@code zone}) read
     * near {@code reference}: the latest year that is a valid date and not more than a day after the
     * reference.
     */
    static int firstYear(int month, int day, LocalTime time, Instant reference, ZoneId zone) {
        int referenceYear = reference.atZone(zone).getYear();
        Instant latest = reference.plus(FUTURE_TOLERANCE);
        for (int candidate = referenceYear; candidate > referenceYear - 8; candidate--) {
            try {
                Instant at = LocalDateTime.of(candidate, month, day, time.getHour(), time.getMinute(),
                        time.getSecond()).atZone(zone).toInstant();
                if (!at.isAfter(latest)) {
                    return candidate;
                }
            } catch (DateTimeException invalidDate) {
                // Feb 29 outside a leap year: try the year before.
            }
        }
        return referenceYear;
    }
}
