/**
 * Exchange Server's message tracking logs ({@code --format exchange}): the {@code MSGTRK*.LOG} CSV
 * files of the Transport, Mailbox Transport Submission and Delivery services and of moderation.
 * {@link org.mailtrace.format.exchange.ExchangeFraming} reads the header and the CSV,
 * {@link org.mailtrace.format.exchange.ExchangeFormat} maps each row by its {@code event-id} onto the
 * MTA-neutral events of {@link org.mailtrace.event}, and
 * {@link org.mailtrace.format.exchange.ExchangeRules} joins a message's copies across servers.
 * docs/formats/exchange.md says what each event becomes.
 */
package org.mailtrace.format.exchange;
