package org.mailtrace.server.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import org.mailtrace.model.MailAddress;
import org.mailtrace.server.HostPort;

/**
 * Just enough SMTP (RFC 5321) to hand one plain-text mail to a relay the administrator runs: EHLO
 * (HELO when refused), MAIL, RCPT, DATA with dot-stuffing, QUIT. No TLS and no authentication:
 * the relay is expected on loopback or a trusted network (usually the Postfix being traced).
 */
final class SmtpClient {
    private final HostPort relay;
    private final Duration timeout;

    SmtpClient(HostPort relay, Duration timeout) {
        this.relay = relay;
        this.timeout = timeout;
    }

    /** @throws IOException naming the SMTP step and the relay's reply when it refuses */
    void send(String from, String to, String subject, String body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(relay.host(), relay.port()), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            expect(in, "greeting", 220);
            command(out, "EHLO " + heloName(from));
            if (reply(in) / 100 != 2) {
                command(out, "HELO " + heloName(from));
                expect(in, "HELO", 250);
            }
            command(out, "MAIL FROM:<" + from + ">");
            expect(in, "MAIL FROM", 250);
            command(out, "RCPT TO:<" + to + ">");
            int rcpt = reply(in);
            if (rcpt != 250 && rcpt != 251) {
                throw new IOException("RCPT TO:<" + to + "> refused with " + rcpt);
            }
            command(out, "DATA");
            expect(in, "DATA", 354);
            out.write(message(from, to, subject, body).getBytes(StandardCharsets.UTF_8));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "end of DATA", 250);
            command(out, "QUIT");
        }
    }

    static String message(String from, String to, String subject, String body) {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(encodeHeader(subject)).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n")
                .append("Message-ID: <").append(UUID.randomUUID()).append("@mailtrace>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        for (String line : body.split("\r?\n", -1)) {
            m.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        return m.toString();
    }

    /** Control characters never reach a header (no header injection); non-ASCII as RFC 2047 base64. */
    static String encodeHeader(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        if (clean.chars().allMatch(c -> c < 128)) {
            return clean;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(clean.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** The sender's domain: no DNS lookup of our own name, which can hang on badly set up hosts. */
    private static String heloName(String from) {
        String domain = MailAddress.domainOf(from);
        return domain == null ? "localhost" : domain;
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void expect(BufferedReader in, String step, int code) throws IOException {
        int got = reply(in);
        if (got != code) {
            throw new IOException(step + ": " + relay.host() + ":" + relay.port() + " answered " + got + ", expected " + code);
        }
    }

    /** Reads one (possibly multi-line) reply and returns its code. */
    private static int reply(BufferedReader in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null || line.length() < 3) {
                throw new IOException("the relay closed the connection or sent a malformed reply: " + line);
            }
            if (line.length() == 3 || line.charAt(3) != '-') {
                try {
                    return Integer.parseInt(line.substring(0, 3));
                } catch (NumberFormatException e) {
                    throw new IOException("malformed SMTP reply: " + line, e);
                }
            }
        }
    }
}
