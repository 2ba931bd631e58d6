/**
 * Correlation: events in, one {@link org.mailtrace.model.MessageTrace} per message out.
 *
 * <p>{@link org.mailtrace.correlate.Correlator} is the facade ({@code accept}, {@code drain*},
 * {@code closeIdle}, {@code snapshot}/{@code restore}). Behind it an MTA-neutral kernel: parts (one
 * per queue file or refused attempt) and their facts ({@code Part}, {@code Fact}, {@code TraceState},
 * {@code CorrelationState}), SMTP sessions ({@code Session}), links and pending links between parts
 * ({@code Linker}, {@code LinkKind}, {@code PendingLink}), retried refusals ({@code RetriedAttempts}),
 * eviction and caps ({@code EvictionQueue}, {@code FieldCaps}), the snapshot ({@code StateJson}),
 * the replay of a trace's facts into header, rows and timeline ({@code FactOrder}, {@code TraceHeader},
 * {@code MessageTraceBuilder}, {@code RecipientRows}, {@code Directions}, {@code EventDetails}), and
 * the join of a message's hops that other ingest processes correlated ({@code HopJoin}: hop records
 * in, the trace one process would build out; the store side is {@link org.mailtrace.store.HopDirectory}).
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
 * <p>Still Postfix-flavoured inside the replay (harmless to other formats, whose events never carry
 * these words): the rule names of content decisions ({@code header_checks}, {@code body_checks},
 * {@code milter}), the local delivery agents counted as mailbox deliveries ({@code local},
 * {@code virtual}, {@code lmtp}, {@code pipe}), the counters of smtpd's disconnect line, and the
 * domain inference from reply texts. Moving them behind the rules needs each fact to know its
 * format in the snapshot (a snapshot version bump).
 */
package org.mailtrace.correlate;
