/**
 * The Exim log dialect ({@code --format exim}): Exim's own main log ({@code log_file_path}, Debian's
 * {@code /var/log/exim4/mainlog}), its reject and panic logs, and the same lines written through syslog.
 * {@link org.mailtrace.format.exim.EximFraming} frames the lines, {@link org.mailtrace.format.exim.EximFormat}
 * dispatches on the line's flag ({@code <=}, {@code =>}, {@code **}...) to one {@code *Lines} reader per
 * kind, each mapping Exim's words onto the MTA-neutral events of {@link org.mailtrace.event}.
 * docs/formats/exim.md says what each line becomes.
 */
package org.mailtrace.format.exim;
