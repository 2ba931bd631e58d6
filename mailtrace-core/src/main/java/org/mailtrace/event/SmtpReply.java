package org.mailtrace.event;

/**
 * An SMTP reply as logged: {@code 550 5.1.1 <bob@example.org>: Recipient address rejected: ...}.
 *
 * @param code the three-digit reply code, or 0 when the text has none
 * @param dsn  the enhanced status code ({@code 5.1.1}), or null
 * @param text the rest of the reply
 */
public record SmtpReply(int code, String dsn, String text) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (code > 0) {
            sb.append(code).append(' ');
        }
        if (dsn != null) {
            sb.append(dsn).append(' ');
        }
        return sb.append(text == null ? "" : text).toString().trim();
    }
}
