package org.mailtrace.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one SMTP transaction with swaks, the way a real client would, and reports what happened.
 * Mail from 127.0.0.2 counts as trusted (Postfix's mynetworks, Exim's relay_from_hosts); mail from
 * 127.0.0.1 does not.
 */
final class Swaks {

    static final String BINARY = "/usr/bin/swaks";
    static final String TRUSTED_CLIENT = "127.0.0.2";

    /** Postfix: {@code 250 2.0.0 Ok: queued as 4dQx...}; Exim: {@code 250 OK id=1xYuhL-0004eB-1q}. */
    private static final Pattern QUEUED_AS = Pattern.compile("<-\\s+250 .*(?:queued as (\\w+)|\\bid=([\\w-]+))");

    /** swaks' exit code, its transcript, and the queue ID the server named after DATA (null when none). */
    record Sent(int exitCode, String transcript, String queueId) {
        Sent expectExit(int expected) {
            if (exitCode != expected) {
                throw new IllegalStateException("swaks exit " + exitCode + ", expected " + expected
                        + "\n" + transcript);
            }
            return this;
        }
    }

    private final List<String> args = new ArrayList<>(List.of(BINARY, "--timeout", "30"));

    private Swaks(int port, String helo) {
        args.addAll(List.of("--server", "127.0.0.1:" + port, "--helo", helo));
    }

    static Swaks to(int port, String helo) {
        return new Swaks(port, helo);
    }

    Swaks from(String sender) {
        args.addAll(List.of("--from", sender));
        return this;
    }

    /** All recipients go into one transaction, one RCPT each, in this order. */
    Swaks recipients(String... recipients) {
        args.addAll(List.of("--to", String.join(",", recipients)));
        return this;
    }

    Swaks subject(String subject) {
        args.addAll(List.of("--header", "Subject: " + subject));
        return this;
    }

    Swaks body(String body) {
        args.addAll(List.of("--body", body));
        return this;
    }

    /** Connects from 127.0.0.2, a client in mynetworks, so relaying is allowed. */
    Swaks trusted() {
        args.addAll(List.of("--local-interface", TRUSTED_CLIENT));
        return this;
    }

    /** Connects from {@code address} (a loopback address other than 127.0.0.1 and 127.0.0.2: an untrusted client). */
    Swaks fromAddress(String address) {
        args.addAll(List.of("--local-interface", address));
        return this;
    }

    /** Authenticates with {@code mechanism} (PLAIN, LOGIN) as {@code user} before MAIL. */
    Swaks auth(String mechanism, String user, String password) {
        args.addAll(List.of("--auth", mechanism, "--auth-user", user, "--auth-password", password));
        return this;
    }

    /** Ends the session with QUIT right after the given step (e.g. "RCPT"), without sending the message. */
    Swaks quitAfter(String step) {
        args.addAll(List.of("--quit-after", step));
        return this;
    }

    Sent send() {
        Command.Result result = Command.run(args, Duration.ofSeconds(60));
        Matcher queued = QUEUED_AS.matcher(result.output());
        String queueId = null;
        if (queued.find()) {
            queueId = queued.group(1) != null ? queued.group(1) : queued.group(2);
        }
        return new Sent(result.exitCode(), result.output(), queueId);
    }
}
