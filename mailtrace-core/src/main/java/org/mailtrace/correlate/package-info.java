/**
 * Correlation: events in, one {@link org.mailtrace.model.MessageTrace} per message out.
 *
 * <p>{@link org.mailtrace.correlate.Correlator} is the facade ({@code accept}, {@code drain*},
 * {@code closeIdle}, {@code snapshot}/{@code restore}). Behind it an MTA-neutral kernel: parts (one
 * per queue file or refused attempt) and their facts ({@code Part}, {@code Fact}, {@code TraceState},
 * {@code CorrelationState}), SMTP sessions ({@code Session}), links and pending links between parts
 * ({@code Linker}, {@code LinkKind}, {@code PendingLink}), retried refusals ({@code RetriedAttempts}),
 * eviction and caps ({@code EvictionQueue}, {@code FieldCaps}), the snapshot ({@code StateJson}), and
 * the replay of a trace's facts into header, rows and timeline ({@code FactOrder}, {@code TraceHeader},
 * {@code MessageTraceBuilder}, {@code RecipientRows}, {@code Directions}, {@code EventDetails}).
 *
 * <p>What differs between MTAs the kernel asks of {@link org.mailtrace.correlate.CorrelationRules},
 * which each format supplies ({@link org.mailtrace.format.LineFormat#rules()}) with every event:
 * what starts and ends a message, what an SMTP session is, which decisions join it, the queue ID a
 * before-queue filter's reply names, address probes, the key the MTA stamps on every copy of a message
 * across its servers (Exchange's network-message-id: {@code LinkKind.COPY}), and the Message-ID a
 * notification names its original by. Postfix's rules live in
 * {@code format/postfix/PostfixRules}, Exim's in {@code format/exim/EximRules}, Exchange's in
 * {@code format/exchange/ExchangeRules}.
 *
 * <p>Every consumer that treats event types differently implements
 * {@link org.mailtrace.event.MailEventVisitor}, so a new event type does not compile until each of
 * them handles it; the snapshot names event types from one table ({@code StateJson.EVENT_TYPES}),
 * checked against {@link org.mailtrace.event.MailEvent}'s {@code permits} by a test.
 *
 * <p>Still Postfix-flavoured inside the kernel (next steps of the design review): the replay order
 * within a second ({@code FactOrder.rank}, Postfix's order of a message's lines), the rule names of
 * content decisions ({@code header_checks}, {@code body_checks}, {@code milter}), the counters of
 * smtpd's disconnect line, and the domain inference from reply texts.
 */
package org.mailtrace.correlate;
