package org.mailtrace.correlate;

import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryOutcome;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpDecision;

/**
 * What the MTA-neutral kernel of the {@link Correlator} (parts, facts, links, sessions, eviction,
 * snapshots, rows) asks of the dialect of the MTA that wrote a line. Each format has its own
 * ({@link org.mailtrace.format.LineFormat#rules()}); the correlator takes the rules with each
 * event, so one correlator can join the lines of several MTAs (a directory of Postfix and Exim logs).
 *
 * <p>Contract: every method is a pure function of its argument (no state, no I/O, never throws,
 * the same answer every time: snapshots and replays depend on it), and an instance may serve any
 * number of correlators and threads.
 */
public interface CorrelationRules {

    /**
     * The name of the format whose lines these rules join, as {@link org.mailtrace.format.LineFormat#name()}
     * ({@code postfix}): every part records the format whose line created it, and the replay asks that
     * format, not a guess from the part's instance name (Postfix's is the operator's {@code syslog_name}).
     * Saved in snapshots and hop records: never change it.
     */
    String format();

    /**
     * The MTA's name as the timeline tells it ({@code Postfix}), where an entry says what the MTA did
     * without a line of its own (a notification it generated).
     */
    String mtaName();

    /**
     * Whether the line begins a queued message's life: a second such line for a queue ID that was
     * already started (or removed) is a new message under a reused ID. By default the arrival of a
     * message, from a client or local ({@link QueuedFromClient}, {@link LocalSubmission}): what every
     * format reads its MTA's arrival lines into (Postfix: smtpd's {@code client=}, pickup; Exim: the
     * arrival line {@code <=}; Exchange: a RECEIVE row, a DSN row).
     */
    default boolean startsMessage(MailEvent e) {
        return e instanceof QueuedFromClient || e instanceof LocalSubmission;
    }

    /**
     * Whether the line ends a queued message: its queue file is gone, so the trace may leave memory
     * after a grace period for late lines. By default the {@link QueueRemoved} event a format reads
     * such a line into (Postfix: {@code removed}; Exim: {@code Completed}). An MTA that logs no such
     * line leaves its messages to the idle limit.
     */
    default boolean endsMessage(MailEvent e) {
        return e instanceof QueueRemoved;
    }

    /**
     * The SMTP session the line belongs to, or null when it names none: a session lets the
     * recipients refused before the message was queued join the message the session queued.
     * Sessions are keyed per process ({@link #byProcess}) by both Postfix and Exim.
     */
    String sessionKey(LineMeta m);

    /**
     * Whether a decision without a queue ID belongs to the SMTP transaction of its session: false
     * for a line written outside the session by another process (Postfix's postscreen), which
     * stands alone as a refused attempt.
     */
    boolean joinsSession(SmtpDecision d);

    /**
     * The queue ID under which the next hop accepted the message, as a decision's reply names it
     * (a before-queue filter's {@code proxy-accept ... queued as X}), or null: the attempt and
     * that message become one trace. By default null: the MTA logs no such acceptance (Exim, Exchange).
     */
    default String acceptedAs(SmtpDecision d) {
        return null;
    }

    /**
     * Whether a delivery line only answers an address-verification probe: not mail, its trace is never
     * handed out. By default whether the format read the line's status into a probe's outcome
     * ({@link DeliveryOutcome#isAddressProbe()}: Postfix's {@code deliverable} / {@code undeliverable}
     * from verify(8) and {@code sendmail -bv}); Exim and Exchange log no probe deliveries, so none of
     * theirs is.
     */
    default boolean isAddressProbe(DeliveryAttempt d) {
        return d.outcome().isAddressProbe();
    }

    /**
     * The identity the MTA stamps on every copy of one message on every server and service it
     * passes (Exchange's {@code network-message-id}; failing that, its Message-ID with the envelope
     * sender), or null when the line carries none (Postfix, Exim). Parts with the same key within
     * the idle limit join one trace, the earliest first: each server numbers its copy on its own,
     * so this is how a message's hops through several servers become one trace.
     */
    default String copyKey(MailEvent e) {
        return null;
    }

    /**
     * For a line that begins a notification (bounce, DSN) naming the message it is about only by
     * that message's Message-ID (Exchange's DSN row, {@code reference}), what it is about; else
     * null. Postfix and Exim name the original's queue ID instead ({@link org.mailtrace.event.NotificationQueued}).
     */
    default NotificationOf notificationOf(MailEvent e) {
        return null;
    }

    /**
     * For a line that begins a new message a rule of a recipient's mailbox made from a message it
     * received (Exchange's inbox-rule forward: a RECEIVE from {@code MAILBOXRULE}, whose
     * {@code reference} is the received message's Message-ID), that message's Message-ID; else
     * null. The new message is a trace of its own, from the mailbox owner (as M365 shows it), and
     * the two traces are related ({@link org.mailtrace.model.RelatedTrace#FORWARDED_COPY} /
     * {@link org.mailtrace.model.RelatedTrace#FORWARDED_FROM}). Postfix and Exim name the forward's
     * queue ID instead ({@code forwarded as X}), which joins it to the original's trace.
     */
    default String forwardOf(MailEvent e) {
        return null;
    }

    /**
     * What this MTA's lines do to a trace's rows and timeline where MTAs differ (mailbox delivery
     * agents, queue actions, who made a decision); by default nothing beyond the lines' own words.
     * The replay asks those of every format the correlator was built with ({@link RowEffects}).
     */
    default RowEffects rowEffects() {
        return RowEffects.NONE;
    }

    /**
     * @param messageId the Message-ID of the message the notification is about
     * @param kind      the notification kind, in {@link org.mailtrace.event.NotificationQueued#kind()}'s words
     */
    record NotificationOf(String messageId, String kind) {
    }

    /**
     * The session of the process that wrote the line ({@code host/instance|pid}), or null for a
     * line without a pid (Exim's main log without {@code +pid}): it stands alone rather than
     * joining every other pid-less line in one made-up session.
     */
    static String byProcess(LineMeta m) {
        return m.pid() < 0 ? null : m.queueNamespace() + "|" + m.pid();
    }
}
