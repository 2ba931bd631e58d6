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
 * <p>What the replay writes where MTAs differ it asks of the formats' {@link org.mailtrace.correlate.RowEffects}
 * ({@link org.mailtrace.correlate.CorrelationRules#rowEffects()}): which delivering programs put mail
 * in a mailbox, hand it to a command or drop it (Postfix's local, virtual, lmtp, pipe, discard;
 * Exim's local, pipe, discard; Exchange's storedriver), how a program's queue actions read (postsuper's
 * are an administrator's, Exchange's poison message queue alternates), who made a decision and what
 * it did (a milter, {@code header_checks}, {@code body_checks}, the size limit), the commands of a
 * session's end line, and which refusals say a recipient is a local user (domain inference, asked of
 * the line's own format when it is accepted). Facts, and the snapshot, do not say which format wrote
 * them (version-1 snapshots read and rewrite byte for byte), so the correlator is built with the rules
 * of every format whose lines it may be handed and the replay asks all of them as one
 * ({@code RowEffects.combined}): the program tables are merged and must agree on a program two
 * formats name (else the correlator refuses to start), and for one line the first format (in the
 * order given: {@link org.mailtrace.format.Formats#allRules()}) that answers decides.
 *
 * <p>Still MTA-flavoured in the replay: the name of the MTA that generated a notification which has
 * no line of its own ({@code MessageTraceBuilder.mtaName}: an instance {@code exim...} is Exim,
 * {@code exchange...} Exchange, any other Postfix). Postfix's instance is the operator's
 * {@code syslog_name}, so no format can claim its instances by name and "first answer wins" would
 * make Postfix (asked first) answer for all; knowing it needs each part to record its format, which
 * changes the snapshot. And the MTA-neutral events are read in the words the formats put in them: a
 * content filter's verdict {@code Blocked}/{@code Checked} and its flags, a delivery reply that says
 * {@code discarded}, a refusal that mentions spam, {@code bounce} as the actor of a notification.
 */
package org.mailtrace.correlate;
