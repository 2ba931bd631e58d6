package org.mailtrace.correlate;

import java.util.Locale;
import java.util.Map;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.event.SmtpDisconnect;

/**
 * What an MTA's lines do to a trace's rows and timeline where MTAs differ, as the replay
 * ({@code MessageTraceBuilder}) and the domain inference ask it: which delivering programs put mail
 * in a mailbox, how a queue action of a program reads, who made a decision and what it did. Each
 * format supplies its own through {@link CorrelationRules#rowEffects()}.
 *
 * <p>The replay asks the questions about one line ({@link #decided}, {@link #sessionCommands}) of the
 * format whose line created the line's part (each part records it: {@link CorrelationRules#format()}),
 * and the tables ({@link #deliveryAgents}, {@link #queueHandling}) of every format the
 * {@link Correlator} was built with, {@link #combined combined}: merged, and two formats that name the
 * same program must give it the same meaning (else the correlator refuses to start). A part restored
 * from a version-1 snapshot records no format: its lines are asked of all formats combined, in the
 * order the formats were given, and the first answer counts. So a format answers only for the
 * programs and words its own lines carry, and null for any other line.
 *
 * <p>Contract: as {@link CorrelationRules}: pure functions (no state, no I/O, never throw, the same
 * answer every time: a trace is rebuilt from its facts again and again, also after a restore), and
 * an instance may serve any number of correlators and threads.
 */
public interface RowEffects {

    /** What a delivering program's successful delivery ({@code status=sent}) means for its row. */
    enum Delivery {
        /**
         * Put in a mailbox of ours (Postfix's local, virtual, lmtp; Exim's local transports;
         * Exchange's store driver): the row is delivered, and the recipient's domain is ours
         * when no accepted domains are configured.
         */
        MAILBOX,
        /** Handed to a command on this host (a pipe): the row is delivered, the domain says nothing of ours. */
        COMMAND,
        /** Dropped on purpose by a delivery agent that discards (Postfix's discard(8), Exim's {@code :blackhole:}). */
        DISCARD
    }

    /**
     * How a queue action ({@link org.mailtrace.event.QueueAdminAction}) written by a program reads in
     * the timeline. A program no format names is the MTA's own change of the message's queue state,
     * told in the words of the action (Exim's freeze and thaw: "Frozen", "Unfrozen").
     */
    enum QueueHandling {
        /** An administrator's command on the queue (Postfix's postsuper): "Placed on hold by an administrator". */
        ADMINISTRATOR,
        /**
         * A queue the message is put in and taken out of by the same kind of line, which alternates
         * (Exchange's poison message queue: the transport service failed handling it). Only its holds
         * alternate; its other actions read as the MTA's own.
         */
        POISON_QUEUE
    }

    /**
     * What a decision did, in the kernel's action words ({@code reject}, {@code discard},
     * {@code hold}, {@code redirect}, ... lower case), and who decided, as the timeline names the
     * actor (a program, a milter, a rule table).
     */
    record Decided(String action, String by) {
    }

    /** Delivering programs (as in {@link org.mailtrace.event.LineMeta#program()}) whose deliveries are not a relay to a next hop; by default none. */
    default Map<String, Delivery> deliveryAgents() {
        return Map.of();
    }

    /** Programs whose queue actions read other than as the MTA's own change of queue state; by default none. */
    default Map<String, QueueHandling> queueHandling() {
        return Map.of();
    }

    /**
     * What an SMTP decision of this format did and who decided (Postfix: a milter's verdict
     * {@code milter-reject} that smtpd logs is a {@code reject} by {@code milter}), or null when the
     * line is not this format's or it says nothing beyond the line: the replay then takes the
     * decision's action in lower case, by its program.
     */
    default Decided decided(SmtpDecision d) {
        return null;
    }

    /**
     * What a content decision of this format did and which rule decided (Postfix's cleanup:
     * {@code header_checks}, {@code body_checks}, a milter, the size limit), or null when the line
     * is not this format's: the replay then takes the decision's action in lower case, by its program.
     */
    default Decided decided(ContentDecision c) {
        return null;
    }

    /**
     * What the line that ended an SMTP session says of the commands the client sent (Postfix's
     * smtpd: {@code ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4}), shown when the session ended
     * before the message was sent; null when the line is not this format's or says nothing of them.
     */
    default String sessionCommands(SmtpDisconnect x) {
        return null;
    }

    /**
     * Whether a refusal says the recipient is no user of ours (Postfix's "User unknown in local
     * recipient table"): its domain is then ours, when no accepted domains are configured. Asked
     * when the line is accepted, of the line's own format; by default false.
     */
    default boolean refusesUnknownLocalUser(SmtpDecision d) {
        return false;
    }

    /** The row effects of a format whose lines differ in nothing the replay asks. */
    RowEffects NONE = new RowEffects() {
    };

    /**
     * The row effects of the formats whose lines a correlator is handed, as one (see the class
     * comment); throws IllegalArgumentException naming the program when two give one program different
     * meanings.
     */
    static RowEffects combined(java.util.List<? extends RowEffects> formats) {
        return new CombinedRowEffects(formats);
    }

    /** The decision's own action in lower case (empty when it has none), for formats that say nothing more. */
    static String actionOf(String action) {
        return action == null ? "" : action.toLowerCase(Locale.ROOT);
    }
}
