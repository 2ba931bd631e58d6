package org.mailtrace.e2e;

import java.util.List;

/**
 * One message as it crossed an SMTP session: envelope sender (empty for the null sender), the
 * recipients the server accepted, and the content with dot-stuffing already undone.
 */
public record SmtpMessage(String sender, List<String> recipients, String content) {
    public SmtpMessage {
        recipients = List.copyOf(recipients);
    }
}
