package org.mailtrace.store.lucene;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats instants exactly as {@link Instant#toString} does (ISO_INSTANT), without its formatter:
 * every event of every stored trace has a time, and under the C1-only JIT of a one-shot ingest
 * {@code Instant.toString} was about 4% of the indexing thread. The date and time of day are kept
 * for the last second formatted (a trace's events are mostly seconds apart), so most calls only
 * append the fraction. Years outside 1970-9999 go to {@code Instant.toString}.
 *
 * <p>One instance per thread (it reuses its buffer).
 */
final class IsoInstants {
    /** 9999-12-31T23:59:59Z: the last second with a four-digit year. */
    private static final long LAST_FAST_SECOND = 253_402_300_799L;
    /** "yyyy-MM-ddTHH:mm:ss" + ".nnnnnnnnn" + "Z". */
    private final char[] text = new char[19 + 10 + 1];
    private long second = -1;

    String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < 0 || epochSecond > LAST_FAST_SECOND) {
            return instant.toString();
        }
        if (epochSecond != second) {
            dateAndTime(epochSecond);
            second = epochSecond;
        }
        int end = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            // As many digits as needed in groups of three, as ISO_INSTANT prints the fraction.
            text[end++] = '.';
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1000 == 0) {
                digits = 6;
                value = nano / 1000;
            } else {
                digits = 9;
                value = nano;
            }
            for (int i = end + digits - 1; i >= end; i--) {
                text[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            end += digits;
        }
        text[end++] = 'Z';
        return new String(text, 0, end);
    }

    private void dateAndTime(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(0, 4, date.getYear());
        text[4] = '-';
        digits(5, 2, date.getMonthValue());
        text[7] = '-';
        digits(8, 2, date.getDayOfMonth());
        text[10] = 'T';
        digits(11, 2, secondOfDay / 3600);
        text[13] = ':';
        digits(14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        digits(17, 2, secondOfDay % 60);
    }

    private void digits(int at, int count, int value) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
