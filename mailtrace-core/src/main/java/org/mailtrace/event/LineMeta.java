package org.mailtrace.event;

import java.time.Instant;

/**
 * Where and when a log line was written; shared by every event parsed from it.
 *
 * @param time       the line's timestamp, UTC (year and zone already resolved)
 * @param host       the MTA host name from the syslog header
 * @param instance   the syslog name of the MTA instance ("postfix", "postfix-out"): queue IDs are
 *                   unique only within one host and instance
 * @param program    the daemon ("smtpd", "cleanup", "qmgr", "smtp"...)
 * @param pid        the process ID, or -1 when the line has none
 * @param source     where the line came from, for messages ("/var/log/mail.log:1234")
 * @param message    the text after the syslog header
 */
public record LineMeta(Instant time, String host, String instance, String program, long pid,
                       String source, String message) {

    /** The queue namespace: queue IDs are unique only per host and instance. */
    public String queueNamespace() {
        return host + "/" + instance;
    }
}
