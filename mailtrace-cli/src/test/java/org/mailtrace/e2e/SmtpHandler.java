package org.mailtrace.e2e;

/**
 * What an {@link SmtpServer} answers at the two points where a test server has an opinion.
 * Replies are complete SMTP reply lines without CRLF, e.g. {@code "250 2.1.5 Ok"}.
 */
public interface SmtpHandler {

    /** The reply to {@code RCPT TO:<address>}; a 2xx reply adds the address to the envelope. */
    String recipient(String address);

    /** The reply after the final dot of DATA; called only when at least one recipient was accepted. */
    String message(SmtpMessage message);
}
