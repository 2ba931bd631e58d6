/**
 * The Postfix log format ({@link org.mailtrace.format.postfix.PostfixFormat}, name {@code postfix}).
 *
 * <p>One package-private reader per Postfix program, named after it ({@code SmtpdLines}, {@code CleanupLines},
 * {@code QmgrLines}, {@code DeliveryLines}...), each with one entry method taking the line's
 * {@link org.mailtrace.event.LineMeta} and message. Small shared readers handle the recurring pieces:
 * {@code QueueIds} (the {@code QID: } prefix), {@code Peers} ({@code name[ip]:port}), {@code SmtpReplies}
 * ({@code 550 5.1.1 text}), {@code Envelopes} ({@code from=<a> to=<b> proto=ESMTP helo=<h>}) and
 * {@code PostfixFields} ({@code k=v, k=v (text)}).
 *
 * <p>Contract: no reader throws; a Postfix line becomes an event, is ignored with a reason, or is
 * malformed with a short stable reason. {@code docs/formats/postfix.md} lists every line shape understood.
 */
package org.mailtrace.format.postfix;
