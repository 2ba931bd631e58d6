package org.mailtrace.e2e;

import static org.mailtrace.e2e.ExpectedRow.row;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scenarios of the real-Exim suite, in the order they run. Each sends its own mail with distinct
 * envelope senders or recipients, so the rows of one case never collide, and declares the main-log
 * lines that prove Exim did what the scenario is about. Exim 4.96 message IDs look like
 * {@code 1xYuhL-0004eB-1q}; {@link #ID} matches one.
 */
final class EximCases {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Deferred mail is retried by the queue runner every few seconds and given up 20 s after its first failure. */
    private static final Duration RETRIES = Duration.ofSeconds(90);
    private static final String NDR_SENDER = "";
    private static final String LOCAL_SENDER = "mt-sender@example.test";
    /** An Exim 4.96 message ID, as a capturing group. */
    static final String ID = "(\\w{6}-\\w{6}-\\w{2})";
    private static final String PEER = "H=127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\]:2626";
    private static final String PEER_QUEUED = "C=\"250 2\\.0\\.0 Ok: queued as PEER\\d+\"";

    private EximCases() {
    }

    static List<E2eCase<EximCaseContext>> all() {
        return List.of(localDelivery(), aliasToSeveral(), redirectToRemote(), relayToSink(), remoteRejectBounced(),
                deferredThenDelivered(), deferredThenGivenUp(), unknownUser(), relayDenied(), dataAclReject(),
                frozenThenRemoved(), localSubmission(), smtpAuthSubmission());
    }

    /** Evidence that the bounce of the message which failed for {@code recipient} names it as its parent (R=). */
    private static String bounceOf(String recipient, String bounceRecipient) {
        return ID + " \\*\\* " + recipient.replace(".", "\\.") + "[\\s\\S]*<= <> R=\\1 U=Debian-exim P=local .*for "
                + bounceRecipient.replace(".", "\\.") + "$";
    }

    private static E2eCase<EximCaseContext> localDelivery() {
        return new E2eCase<>("01-local-delivery", c -> {
            c.smtp().from("c01@client.test").recipients("mt-alice@example.test").subject("e2e 01 local delivery")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of(ID + " <= c01@client\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtp S=\\d+ .*T=\"e2e 01 local delivery\" for mt-alice@example\\.test$"
                        + "[\\s\\S]*\\1 => mt-alice <mt-alice@example\\.test> F=<c01@client\\.test> R=local_user T=local_delivery S=\\d+$"
                        + "[\\s\\S]*\\1 Completed$"),
                List.of(row("c01@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER")));
    }

    private static E2eCase<EximCaseContext> aliasToSeveral() {
        return new E2eCase<>("02-alias-to-several", c -> {
            c.smtp().from("c02@client.test").recipients("mt-team@example.test").subject("e2e 02 alias to several")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("<= c02@client\\.test .* for mt-team@example\\.test$",
                "=> mt-alice <mt-team@example\\.test> F=<c02@client\\.test> R=local_user T=local_delivery",
                "=> mt-bob <mt-team@example\\.test> F=<c02@client\\.test> R=local_user T=local_delivery"),
                List.of(row("c02@client.test", "mt-team@example.test", "Expanded", "RECEIVE", "EXPAND"),
                        row("c02@client.test", "mt-alice@example.test", "Delivered", "DELIVER"),
                        row("c02@client.test", "mt-bob@example.test", "Delivered", "DELIVER")));
    }

    private static E2eCase<EximCaseContext> redirectToRemote() {
        return new E2eCase<>("03-redirect-to-remote", c -> {
            c.smtp().from("c03@client.test").recipients("mt-forward@example.test").subject("e2e 03 redirect to remote")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("<= c03@client\\.test .* for mt-forward@example\\.test$",
                "=> ok-forward@remote\\.test <mt-forward@example\\.test> F=<c03@client\\.test> R=remote_sink T=remote_smtp S=\\d+ "
                        + PEER + " " + PEER_QUEUED),
                List.of(row("c03@client.test", "mt-forward@example.test", "Delivered", "RECEIVE", "REDIRECT", "SEND")
                        .withFinalRecipients("ok-forward@remote.test")));
    }

    private static E2eCase<EximCaseContext> relayToSink() {
        return new E2eCase<>("04-relay-to-sink", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-out@remote.test").subject("e2e 04 relay to the sink")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("<= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.2\\] P=esmtp .* for ok-out@remote\\.test$",
                "=> ok-out@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp S=\\d+ " + PEER + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "ok-out@remote.test", "Delivered", "RECEIVE", "SEND").withFromIp("127.0.0.2")));
    }

    private static E2eCase<EximCaseContext> remoteRejectBounced() {
        return new E2eCase<>("05-remote-reject-bounced", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("reject-out@remote.test").subject("e2e 05 refused by the remote")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("\\*\\* reject-out@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp " + PEER
                        + ": SMTP error from remote mail server after RCPT TO:<reject-out@remote\\.test>: 550 5\\.1\\.1 ",
                bounceOf("reject-out@remote.test", LOCAL_SENDER),
                "=> mt-sender <mt-sender@example\\.test> F=<> R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "reject-out@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private static E2eCase<EximCaseContext> deferredThenDelivered() {
        return new E2eCase<>("06-deferred-then-delivered", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("later-out@remote.test")
                    .subject("e2e 06 deferred, then accepted").send().expectExit(0);
            c.awaitLog(sent.queueId() + " => later-out@remote\\.test ", RETRIES);
            c.settle(SETTLE);
        }, List.of("== later-out@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) " + PEER
                        + ": SMTP error from remote mail server after RCPT TO:<later-out@remote\\.test>: 451 4\\.3\\.0 ",
                "=> later-out@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp S=\\d+ " + PEER + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "later-out@remote.test", "Delivered", "RECEIVE", "DEFER", "SEND")));
    }

    private static E2eCase<EximCaseContext> deferredThenGivenUp() {
        return new E2eCase<>("07-deferred-then-given-up", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("defer-out@remote.test")
                    .subject("e2e 07 deferred until the retry time is exceeded").send().expectExit(0);
            c.awaitLog(sent.queueId() + " \\*\\* defer-out@remote\\.test.*: retry timeout exceeded", RETRIES);
            c.settle(SETTLE);
        }, List.of("== defer-out@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) " + PEER
                        + ": SMTP error from remote mail server after RCPT TO:<defer-out@remote\\.test>: 451 4\\.3\\.0 ",
                "\\*\\* defer-out@remote\\.test.*: retry timeout exceeded",
                bounceOf("defer-out@remote.test", LOCAL_SENDER),
                "=> mt-sender <mt-sender@example\\.test> F=<> R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "defer-out@remote.test", "Failed", "RECEIVE", "DEFER", "EXPIRE", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private static E2eCase<EximCaseContext> unknownUser() {
        return new E2eCase<>("08-unknown-user", c -> {
            c.smtp().from("c08@client.test").recipients("nosuch-user@example.test").subject("e2e 08 unknown user")
                    .send().expectExit(24);
            c.settle(SETTLE);
        }, List.of("\\] H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c08@client\\.test> rejected RCPT <nosuch-user@example\\.test>: Unrouteable address$"),
                List.of(row("c08@client.test", "nosuch-user@example.test", "Failed", "REJECT")));
    }

    private static E2eCase<EximCaseContext> relayDenied() {
        return new E2eCase<>("09-relay-denied", c -> {
            c.smtp().from("c09@client.test").recipients("ok-relay@remote.test").subject("e2e 09 relay denied")
                    .send().expectExit(24);
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-trusted@remote.test")
                    .subject("e2e 09 relay allowed from relay_from_hosts").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c09@client\\.test> rejected RCPT <ok-relay@remote\\.test>: relay not permitted$",
                "<= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.2\\] .* for ok-trusted@remote\\.test$",
                "=> ok-trusted@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp S=\\d+ " + PEER),
                List.of(row("c09@client.test", "ok-relay@remote.test", "Failed", "REJECT"),
                        row(LOCAL_SENDER, "ok-trusted@remote.test", "Delivered", "RECEIVE", "SEND")));
    }

    /**
     * Exim names the message ID and the sender of a message its DATA ACL refused, but not its
     * recipients (they are on no main-log line): the only row possible has an empty recipient.
     */
    private static E2eCase<EximCaseContext> dataAclReject() {
        return new E2eCase<>("10-data-acl-reject", c -> {
            c.smtp().from("c10@client.test").recipients("mt-alice@example.test").subject("e2e-reject 10 refused at DATA")
                    .send().expectExit(26);
            c.settle(SETTLE);
        }, List.of(ID + " H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c10@client\\.test> rejected after DATA: Subject refused by e2e policy$"),
                List.of(row("c10@client.test", "", "Failed", "REJECT")));
    }

    /**
     * Two freezes, both removed by the administrator: the bounce of a refused message whose sender's
     * domain Exim cannot route ({@code Frozen (delivery error message)}), and a deferred message frozen
     * by hand ({@code exim -Mf}). {@code exim -Mrm} removes both.
     */
    private static E2eCase<EximCaseContext> frozenThenRemoved() {
        return new E2eCase<>("11-frozen-then-removed", c -> {
            c.smtp().trusted().from("c11@client.test").recipients("reject-frozen@remote.test")
                    .subject("e2e 11 its bounce cannot be delivered").send().expectExit(0);
            c.awaitLog("Frozen \\(delivery error message\\)", SETTLE);
            Swaks.Sent deferred = c.smtp().trusted().from(LOCAL_SENDER).recipients("defer-frozen@remote.test")
                    .subject("e2e 11 deferred, then frozen by hand").send().expectExit(0);
            c.awaitLog(deferred.queueId() + " == defer-frozen@remote\\.test ", SETTLE);
            c.exim().run("-Mf", deferred.queueId());
            List<String> frozen = c.frozen();
            if (frozen.size() != 2) {
                throw new IllegalStateException("expected the bounce and " + deferred.queueId() + " frozen, queue has " + frozen);
            }
            c.exim().run(Stream.concat(Stream.of("-Mrm"), frozen.stream())
                    .toArray(String[]::new));
            c.settle(SETTLE);
        }, List.of("\\*\\* reject-frozen@remote\\.test F=<c11@client\\.test> R=remote_sink T=remote_smtp " + PEER
                        + ": SMTP error from remote mail server after RCPT TO:<reject-frozen@remote\\.test>: 550 5\\.1\\.1 ",
                bounceOf("reject-frozen@remote.test", "c11@client.test"),
                ID + " \\*\\* c11@client\\.test F=<>: Unrouteable address[\\s\\S]*\\1 Frozen \\(delivery error message\\)$",
                ID + " == defer-frozen@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) [\\s\\S]*\\1 frozen by root$",
                ID + " frozen by root[\\s\\S]*\\1 removed by root$",
                ID + " \\*\\* c11@client\\.test F=<>[\\s\\S]*\\1 removed by root$"),
                List.of(row("c11@client.test", "reject-frozen@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, "c11@client.test", "Failed", "FAIL", "QUARANTINE", "DROP"),
                        row(LOCAL_SENDER, "defer-frozen@remote.test", "Dropped", "RECEIVE", "DEFER", "QUARANTINE", "DROP")));
    }

    /**
     * {@code exim -odi -f} on standard input. Run by root: the suite's config is not in Debian's
     * TRUSTED_CONFIG_LIST, so an Exim started by any other user gives up its privilege and cannot
     * write the spool (docs/testing-e2e.md).
     */
    private static E2eCase<EximCaseContext> localSubmission() {
        return new E2eCase<>("12-local-submission", c -> {
            c.exim().submit(LOCAL_SENDER, "mt-bob@example.test",
                    "From: mt-sender@example.test\nTo: mt-bob@example.test\nSubject: e2e 12 local submission\n\n"
                            + "Submitted on standard input, as a local program would.\n");
            c.settle(SETTLE);
        }, List.of("<= mt-sender@example\\.test U=root P=local S=\\d+ .*T=\"e2e 12 local submission\" for mt-bob@example\\.test$",
                "=> mt-bob <mt-bob@example\\.test> F=<mt-sender@example\\.test> R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "mt-bob@example.test", "Delivered", "SUBMIT", "DELIVER")));
    }

    /**
     * From 127.0.0.1 (not allowed to relay) after SMTP AUTH, once with PLAIN and once with LOGIN; a
     * wrong password first, which makes no message.
     */
    private static E2eCase<EximCaseContext> smtpAuthSubmission() {
        return new E2eCase<>("13-smtp-auth-submission", c -> {
            c.smtp().auth("PLAIN", EximInstance.AUTH_USER, "wrong-password").from(LOCAL_SENDER)
                    .recipients("ok-auth-denied@remote.test").subject("e2e 13 wrong password").send().expectExit(28);
            c.smtp().auth("PLAIN", EximInstance.AUTH_USER, EximInstance.AUTH_PASSWORD).from(LOCAL_SENDER)
                    .recipients("ok-auth-plain@remote.test").subject("e2e 13 AUTH PLAIN").send().expectExit(0);
            c.smtp().auth("LOGIN", EximInstance.AUTH_USER, EximInstance.AUTH_PASSWORD).from(LOCAL_SENDER)
                    .recipients("ok-auth-login@remote.test").subject("e2e 13 AUTH LOGIN").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("plain authenticator failed for \\(client\\.test\\) \\[127\\.0\\.0\\.1\\]: 535 Incorrect authentication data \\(set_id=mt-submit\\)$",
                "<= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtpa A=plain:mt-submit .* for ok-auth-plain@remote\\.test$",
                "<= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtpa A=login:mt-submit .* for ok-auth-login@remote\\.test$",
                "=> ok-auth-plain@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp S=\\d+ " + PEER + " " + PEER_QUEUED,
                "=> ok-auth-login@remote\\.test F=<mt-sender@example\\.test> R=remote_sink T=remote_smtp S=\\d+ " + PEER + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "ok-auth-plain@remote.test", "Delivered", "RECEIVE", "SEND"),
                        row(LOCAL_SENDER, "ok-auth-login@remote.test", "Delivered", "RECEIVE", "SEND")));
    }
}
