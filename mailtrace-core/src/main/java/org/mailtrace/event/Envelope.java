package org.mailtrace.event;

/**
 * The envelope summary Postfix appends to reject and policy lines: {@code from=<a> to=<b> proto=ESMTP helo=<h>}.
 * Any part may be null when the line does not carry it; {@code from} is empty for the null sender.
 */
public record Envelope(String from, String to, String proto, String helo) {
}
