package org.mailtrace.source;

import java.time.Instant;

/**
 * A syslog line split into its header parts; what every format sees.
 *
 * @param time    timestamp in UTC, year and zone resolved by the framing
 * @param host    the host name in the header
 * @param tag     the program tag without pid: {@code postfix/smtpd}, {@code postfix-out/smtp}, {@code amavis}
 * @param pid     the pid in brackets, or -1
 * @param message everything after {@code tag[pid]: }
 * @param source  where the line came from, for diagnostics: {@code mail.log:1234}
 */
public record RawLine(Instant time, String host, String tag, long pid, String message, String source) {
}
