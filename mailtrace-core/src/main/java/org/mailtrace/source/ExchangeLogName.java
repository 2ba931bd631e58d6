package org.mailtrace.source;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name of Exchange Server's message tracking log, the naming scheme of a
 * {@code TransportRoles\Logs\MessageTracking} folder (docs/configuration.md, "Watching a log directory").
 *
 * <p>Exchange never renames its logs: each service writes its own series ({@code MSGTRK} for
 * Transport, {@code MSGTRKMA}, {@code MSGTRKMD}, {@code MSGTRKMS} on Mailbox servers), one file per
 * hour ({@code MSGTRK2026120310-1.LOG}) or day ({@code MSGTRK20261203-1.LOG}), and when a file
 * reaches its size limit the service goes on in the next sequence number ({@code -2}, {@code -3}).
 * So the file it writes to now is the newest of its series, and every older one is complete.
 *
 * <p>Rules: {@code MSGTRK}, up to four letters naming the series, eight ({@code yyyyMMdd}) or ten
 * ({@code yyyyMMddHH}) digits, {@code -}, the sequence number, {@code .LOG}; letters in any case;
 * optionally {@code .gz} or {@code .bz2} after it (a compressed copy, read once, never followed).
 * Oldest first is by date and hour (a daily name counts as hour 00), then by sequence number
 * (compared as numbers: {@code -2} before {@code -10}), then by name.
 *
 * @param name       the file name
 * @param series     the series, upper-cased: {@code MSGTRK}, {@code MSGTRKMS}...
 * @param hour       the date and hour, {@code yyyyMMddHH} (a daily name's hour is 00)
 * @param sequence   the sequence number within the hour or day
 * @param compressed true for a {@code .gz} or {@code .bz2} copy
 */
public record ExchangeLogName(String name, String series, String hour, long sequence, boolean compressed) {
    private static final Pattern NAME = Pattern.compile(
            "(MSGTRK[A-Z]{0,4})(\\d{10}|\\d{8})-(\\d{1,9})\\.LOG(\\.GZ|\\.BZ2)?", Pattern.CASE_INSENSITIVE);

    /** Oldest first: by date and hour, then sequence number, then a plain file before its compressed copy, then name. */
    public static final Comparator<ExchangeLogName> OLDEST_FIRST = Comparator.comparing(ExchangeLogName::hour)
            .thenComparingLong(ExchangeLogName::sequence)
            .thenComparing(ExchangeLogName::compressed)
            .thenComparing(ExchangeLogName::name);

    /** The parts of {@code fileName}, or null when it is not a message tracking log's name. */
    public static ExchangeLogName parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(2);
        return new ExchangeLogName(fileName, m.group(1).toUpperCase(Locale.ROOT),
                digits.length() == 8 ? digits + "00" : digits, Long.parseLong(m.group(3)), m.group(4) != null);
    }
}
