package org.mailtrace.e2e;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An after-queue content filter in the style of amavisd: Postfix hands it a message over SMTP,
 * it re-injects the unchanged message into Postfix's filter-return smtpd, and only then answers
 * upstream. How it answers decides how the two queue IDs can be linked in the log:
 * {@link Reply#QUEUED_AS} repeats the new queue ID ("250 2.0.0 Ok: queued as NEWID"),
 * {@link Reply#OPAQUE_ID} does not ("250 2.0.0 Ok, id=..."), leaving only Message-ID and time.
 */
public final class ReinjectingContentFilter implements SmtpHandler, AutoCloseable {

    /** How the filter reports success upstream. */
    public enum Reply { QUEUED_AS, OPAQUE_ID }

    private static final Pattern QUEUED_AS = Pattern.compile("queued as (\\S+)");

    private final int reinjectPort;
    private final Reply style;
    private SmtpServer server;

    private ReinjectingContentFilter(int reinjectPort, Reply style) {
        this.reinjectPort = reinjectPort;
        this.style = style;
    }

    /** Listens on 127.0.0.1:{@code port} and re-injects into 127.0.0.1:{@code reinjectPort}. */
    public static ReinjectingContentFilter start(int port, int reinjectPort, Reply style) {
        ReinjectingContentFilter filter = new ReinjectingContentFilter(reinjectPort, style);
        filter.server = SmtpServer.start(port, "filter.mail.example.test", filter);
        return filter;
    }

    public int port() {
        return server.port();
    }

    @Override
    public String recipient(String address) {
        return "250 2.1.5 Ok";
    }

    @Override
    public String message(SmtpMessage message) {
        String reinjected;
        try (SmtpClient client = SmtpClient.connect(reinjectPort)) {
            reinjected = client.send("filter.mail.example.test", message);
        } catch (IOException e) {
            return "451 4.3.0 Error: re-injection into 127.0.0.1:" + reinjectPort + " failed: " + e.getMessage();
        }
        if (!reinjected.startsWith("250")) {
            return "451 4.3.0 Error: re-injection refused: " + reinjected.replace('\n', ' ');
        }
        Matcher id = QUEUED_AS.matcher(reinjected);
        String newId = id.find() ? id.group(1) : "unknown";
        return switch (style) {
            case QUEUED_AS -> "250 2.0.0 Ok: queued as " + newId;
            case OPAQUE_ID -> "250 2.0.0 Ok, id=" + Integer.toUnsignedString(newId.hashCode() & 0xffff);
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
