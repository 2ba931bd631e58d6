/**
 * The events a format makes of log lines: one sealed family, {@link org.mailtrace.event.MailEvent},
 * of records that say what happened in words common to MTAs (a message queued from a client, a
 * delivery attempt, a queue action...), each with the {@link org.mailtrace.event.LineMeta} of its line.
 *
 * <p>Code that acts on the type of an event implements {@link org.mailtrace.event.MailEventVisitor}
 * (one method per type). Code that acts on a logged word reads an enum parsed from it:
 * {@link org.mailtrace.event.DeliveryOutcome} ({@link org.mailtrace.event.DeliveryAttempt#outcome()},
 * the logged word stays for display) and {@link org.mailtrace.event.QueueAction}. Events are saved in
 * correlator snapshots under the names in {@code correlate/StateJson}: renaming a component changes
 * the snapshot format.
 *
 * <p>Every event type lives here, whichever format makes it: the family is sealed, and in an unnamed
 * module a sealed interface's permitted types must share its package. So the names are the mail
 * concept, not the daemon that logs it ({@code SmtpDecision}, not smtpd's; {@code EnvelopeSeen}, not
 * qmgr's); a type that only one MTA logs today ({@code FilterVerdict} of amavis, {@code ContentDecision}
 * of Postfix's cleanup) still says what happened in words another format can use.
 */
package org.mailtrace.event;
