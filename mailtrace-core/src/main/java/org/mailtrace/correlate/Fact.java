package org.mailtrace.correlate;

import org.mailtrace.event.MailEvent;

/**
 * One event as a trace remembers it: traces are rebuilt by replaying their facts, so the facts are
 * the whole truth about a trace (and what a snapshot saves).
 *
 * @param seq   arrival order, the last tie-breaker when replaying
 * @param part  the key of the {@link Part} (queue file or refused attempt) it belongs to
 * @param event the event
 * @param helo  the session's HELO name when the event came from smtpd, else null
 */
record Fact(long seq, String part, MailEvent event, String helo) {
}
