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
 *
 * <p>The scenarios are the same for every {@link EximLogSelector}; the evidence is written for the
 * lines that selector makes Exim write, and the expected rows are the same except where the
 * selector lacks what a row needs (docs/formats/exim.md, "With Debian's default log_selector"): only
 * {@code 14-frozen-on-arrival}, whose recipient appears on no line without
 * {@code +received_recipients} and whose refused recipient joins its message only with {@code +pid}.
 */
final class EximCases {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Deferred mail is retried by the queue runner every few seconds and given up 20 s after its first failure. */
    private static final Duration RETRIES = Duration.ofSeconds(90);
    private static final String NDR_SENDER = "";
    private static final String LOCAL_SENDER = "mt-sender@example.test";
    /** An Exim 4.96 message ID, as a capturing group. */
    static final String ID = "(\\w{6}-\\w{6}-\\w{2})";
    private static final String PEER_QUEUED = "C=\"250 2\\.0\\.0 Ok: queued as PEER\\d+\"";

    private final EximLogSelector selector;
    private final String peer;

    private EximCases(EximLogSelector selector) {
        this.selector = selector;
        this.peer = "H=127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\]" + (selector.outgoingPort() ? ":" + selector.peerPort() : "");
    }

    /** Every case, with evidence and rows for the lines {@code selector} makes Exim write. */
    static List<E2eCase<EximCaseContext>> all(EximLogSelector selector) {
        EximCases cases = new EximCases(selector);
        return List.of(cases.localDelivery(), cases.aliasToSeveral(), cases.redirectToRemote(), cases.relayToSink(),
                cases.remoteRejectBounced(), cases.deferredThenDelivered(), cases.deferredThenGivenUp(),
                cases.unknownUser(), cases.relayDenied(), cases.dataAclReject(), cases.frozenThenRemoved(),
                cases.localSubmission(), cases.smtpAuthSubmission(), cases.frozenOnArrival());
    }

    /** Evidence that the bounce of the message which failed for {@code recipient} names it as its parent (R=). */
    private String bounceOf(String recipient, String bounceRecipient) {
        return ID + " \\*\\* " + quote(recipient) + "[\\s\\S]*<= <> R=\\1 U=Debian-exim P=local "
                + (selector.receivedRecipients() ? ".*for " + quote(bounceRecipient) + "$" : "");
    }

    /**
     * The end of a {@code <=} line after the field before it, with its leading space: the subject
     * and the recipients with {@code +subject +received_recipients}, anything (or nothing) without
     * them ({@code subject} null: not checked).
     */
    private String arrivalTail(String subject, String... recipients) {
        if (!selector.receivedRecipients()) {
            return "(?: .*)?$";
        }
        return " .*" + (subject == null ? "" : "T=\"" + quote(subject) + "\" ") + "for "
                + String.join(" ", java.util.Arrays.stream(recipients).map(EximCases::quote).toList()) + "$";
    }

    /** {@code F=<sender> } on a delivery line ({@code +sender_on_delivery}), else nothing. */
    private String deliveryFrom(String sender) {
        return selector.senderOnDelivery() ? "F=<" + quote(sender) + "> " : "";
    }

    /** {@code S=n } on a {@code =>} line ({@code +delivery_size}), else nothing. */
    private String deliverySize() {
        return selector.deliverySize() ? "S=\\d+ " : "";
    }

    /** The start of a line up to its text: date, time and, with {@code +pid}, {@code [pid]}. */
    private String lineStart() {
        return selector.pids() ? "^\\S+ \\S+ \\[\\d+\\] " : "^\\S+ \\S+ ";
    }

    private static String quote(String literal) {
        return literal.replace(".", "\\.").replace("(", "\\(").replace(")", "\\)");
    }

    private E2eCase<EximCaseContext> localDelivery() {
        return new E2eCase<>("01-local-delivery", c -> {
            c.smtp().from("c01@client.test").recipients("mt-alice@example.test").subject("e2e 01 local delivery")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of(ID + " <= c01@client\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtp S=\\d+"
                        + arrivalTail("e2e 01 local delivery", "mt-alice@example.test")
                        + "[\\s\\S]*\\1 => mt-alice <mt-alice@example\\.test> " + deliveryFrom("c01@client.test")
                        + "R=local_user T=local_delivery" + (selector.deliverySize() ? " S=\\d+" : "") + "$"
                        + "[\\s\\S]*\\1 Completed$"),
                List.of(row("c01@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER")));
    }

    private E2eCase<EximCaseContext> aliasToSeveral() {
        return new E2eCase<>("02-alias-to-several", c -> {
            c.smtp().from("c02@client.test").recipients("mt-team@example.test").subject("e2e 02 alias to several")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of(ID + " <= c02@client\\.test" + arrivalTail(null, "mt-team@example.test")
                        + "[\\s\\S]*\\1 => mt-alice <mt-team@example\\.test> " + deliveryFrom("c02@client.test")
                        + "R=local_user T=local_delivery",
                "=> mt-bob <mt-team@example\\.test> " + deliveryFrom("c02@client.test") + "R=local_user T=local_delivery"),
                List.of(row("c02@client.test", "mt-team@example.test", "Expanded", "RECEIVE", "EXPAND"),
                        row("c02@client.test", "mt-alice@example.test", "Delivered", "DELIVER"),
                        row("c02@client.test", "mt-bob@example.test", "Delivered", "DELIVER")));
    }

    private E2eCase<EximCaseContext> redirectToRemote() {
        return new E2eCase<>("03-redirect-to-remote", c -> {
            c.smtp().from("c03@client.test").recipients("mt-forward@example.test").subject("e2e 03 redirect to remote")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of(ID + " <= c03@client\\.test" + arrivalTail(null, "mt-forward@example.test")
                        + "[\\s\\S]*\\1 => ok-forward@remote\\.test <mt-forward@example\\.test> " + deliveryFrom("c03@client.test")
                        + "R=remote_sink T=remote_smtp " + deliverySize() + peer + " " + PEER_QUEUED),
                List.of(row("c03@client.test", "mt-forward@example.test", "Delivered", "RECEIVE", "REDIRECT", "SEND")
                        .withFinalRecipients("ok-forward@remote.test")));
    }

    private E2eCase<EximCaseContext> relayToSink() {
        return new E2eCase<>("04-relay-to-sink", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-out@remote.test").subject("e2e 04 relay to the sink")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of(ID + " <= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.2\\] P=esmtp"
                        + arrivalTail(null, "ok-out@remote.test")
                        + "[\\s\\S]*\\1 => ok-out@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp "
                        + deliverySize() + peer + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "ok-out@remote.test", "Delivered", "RECEIVE", "SEND").withFromIp("127.0.0.2")));
    }

    private E2eCase<EximCaseContext> remoteRejectBounced() {
        return new E2eCase<>("05-remote-reject-bounced", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("reject-out@remote.test").subject("e2e 05 refused by the remote")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("\\*\\* reject-out@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp " + peer
                        + ": SMTP error from remote mail server after RCPT TO:<reject-out@remote\\.test>: 550 5\\.1\\.1 ",
                bounceOf("reject-out@remote.test", LOCAL_SENDER),
                "=> mt-sender <mt-sender@example\\.test> " + deliveryFrom("") + "R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "reject-out@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private E2eCase<EximCaseContext> deferredThenDelivered() {
        return new E2eCase<>("06-deferred-then-delivered", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("later-out@remote.test")
                    .subject("e2e 06 deferred, then accepted").send().expectExit(0);
            c.awaitLog(sent.queueId() + " => later-out@remote\\.test ", RETRIES);
            c.settle(SETTLE);
        }, List.of("== later-out@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) " + peer
                        + ": SMTP error from remote mail server after RCPT TO:<later-out@remote\\.test>: 451 4\\.3\\.0 ",
                "=> later-out@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp " + deliverySize()
                        + peer + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "later-out@remote.test", "Delivered", "RECEIVE", "DEFER", "SEND")));
    }

    private E2eCase<EximCaseContext> deferredThenGivenUp() {
        return new E2eCase<>("07-deferred-then-given-up", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("defer-out@remote.test")
                    .subject("e2e 07 deferred until the retry time is exceeded").send().expectExit(0);
            c.awaitLog(sent.queueId() + " \\*\\* defer-out@remote\\.test.*: retry timeout exceeded", RETRIES);
            c.settle(SETTLE);
        }, List.of("== defer-out@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) " + peer
                        + ": SMTP error from remote mail server after RCPT TO:<defer-out@remote\\.test>: 451 4\\.3\\.0 ",
                "\\*\\* defer-out@remote\\.test.*: retry timeout exceeded",
                bounceOf("defer-out@remote.test", LOCAL_SENDER),
                "=> mt-sender <mt-sender@example\\.test> " + deliveryFrom("") + "R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "defer-out@remote.test", "Failed", "RECEIVE", "DEFER", "EXPIRE", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private E2eCase<EximCaseContext> unknownUser() {
        return new E2eCase<>("08-unknown-user", c -> {
            c.smtp().from("c08@client.test").recipients("nosuch-user@example.test").subject("e2e 08 unknown user")
                    .send().expectExit(24);
            c.settle(SETTLE);
        }, List.of(lineStart() + "H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c08@client\\.test> rejected RCPT <nosuch-user@example\\.test>: Unrouteable address$"),
                List.of(row("c08@client.test", "nosuch-user@example.test", "Failed", "REJECT")));
    }

    private E2eCase<EximCaseContext> relayDenied() {
        return new E2eCase<>("09-relay-denied", c -> {
            c.smtp().from("c09@client.test").recipients("ok-relay@remote.test").subject("e2e 09 relay denied")
                    .send().expectExit(24);
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-trusted@remote.test")
                    .subject("e2e 09 relay allowed from relay_from_hosts").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c09@client\\.test> rejected RCPT <ok-relay@remote\\.test>: relay not permitted$",
                ID + " <= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.2\\]" + arrivalTail(null, "ok-trusted@remote.test")
                        + "[\\s\\S]*\\1 => ok-trusted@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp "
                        + deliverySize() + peer),
                List.of(row("c09@client.test", "ok-relay@remote.test", "Failed", "REJECT"),
                        row(LOCAL_SENDER, "ok-trusted@remote.test", "Delivered", "RECEIVE", "SEND")));
    }

    /**
     * Exim names the message ID and the sender of a message its DATA ACL refused, but not its
     * recipients (they are on no main-log line, whatever the selector): the only row possible has an
     * empty recipient.
     */
    private E2eCase<EximCaseContext> dataAclReject() {
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
     * by hand ({@code exim -Mf}). {@code exim -Mrm} removes both. Each frozen message has a recipient
     * on a delivery line ({@code **}, {@code ==}), so the rows are the same with any selector.
     */
    private E2eCase<EximCaseContext> frozenThenRemoved() {
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
        }, List.of("\\*\\* reject-frozen@remote\\.test " + deliveryFrom("c11@client.test") + "R=remote_sink T=remote_smtp " + peer
                        + ": SMTP error from remote mail server after RCPT TO:<reject-frozen@remote\\.test>: 550 5\\.1\\.1 ",
                bounceOf("reject-frozen@remote.test", "c11@client.test"),
                ID + " \\*\\* c11@client\\.test" + (selector.senderOnDelivery() ? " F=<>" : "")
                        + ": Unrouteable address[\\s\\S]*\\1 Frozen \\(delivery error message\\)$",
                ID + " == defer-frozen@remote\\.test R=remote_sink T=remote_smtp defer \\(-44\\) [\\s\\S]*\\1 frozen by root$",
                ID + " frozen by root[\\s\\S]*\\1 removed by root$",
                ID + " \\*\\* c11@client\\.test[ :][\\s\\S]*\\1 removed by root$"),
                List.of(row("c11@client.test", "reject-frozen@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, "c11@client.test", "Failed", "FAIL", "QUARANTINE", "DROP"),
                        row(LOCAL_SENDER, "defer-frozen@remote.test", "Dropped", "RECEIVE", "DEFER", "QUARANTINE", "DROP")));
    }

    /**
     * {@code exim -odi -f} on standard input. Run by root: the suite's config is not in Debian's
     * TRUSTED_CONFIG_LIST, so an Exim started by any other user gives up its privilege and cannot
     * write the spool (docs/testing-e2e.md).
     */
    private E2eCase<EximCaseContext> localSubmission() {
        return new E2eCase<>("12-local-submission", c -> {
            c.exim().submit(LOCAL_SENDER, "mt-bob@example.test",
                    "From: mt-sender@example.test\nTo: mt-bob@example.test\nSubject: e2e 12 local submission\n\n"
                            + "Submitted on standard input, as a local program would.\n");
            c.settle(SETTLE);
        }, List.of(ID + " <= mt-sender@example\\.test U=root P=local S=\\d+" + arrivalTail("e2e 12 local submission", "mt-bob@example.test")
                        + "[\\s\\S]*\\1 => mt-bob <mt-bob@example\\.test> " + deliveryFrom(LOCAL_SENDER) + "R=local_user T=local_delivery"),
                List.of(row(LOCAL_SENDER, "mt-bob@example.test", "Delivered", "SUBMIT", "DELIVER")));
    }

    /**
     * From 127.0.0.1 (not allowed to relay) after SMTP AUTH, once with PLAIN and once with LOGIN; a
     * wrong password first, which makes no message.
     */
    private E2eCase<EximCaseContext> smtpAuthSubmission() {
        return new E2eCase<>("13-smtp-auth-submission", c -> {
            c.smtp().auth("PLAIN", EximInstance.AUTH_USER, "wrong-password").from(LOCAL_SENDER)
                    .recipients("ok-auth-denied@remote.test").subject("e2e 13 wrong password").send().expectExit(28);
            c.smtp().auth("PLAIN", EximInstance.AUTH_USER, EximInstance.AUTH_PASSWORD).from(LOCAL_SENDER)
                    .recipients("ok-auth-plain@remote.test").subject("e2e 13 AUTH PLAIN").send().expectExit(0);
            c.smtp().auth("LOGIN", EximInstance.AUTH_USER, EximInstance.AUTH_PASSWORD).from(LOCAL_SENDER)
                    .recipients("ok-auth-login@remote.test").subject("e2e 13 AUTH LOGIN").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("plain authenticator failed for \\(client\\.test\\) \\[127\\.0\\.0\\.1\\]: 535 Incorrect authentication data \\(set_id=mt-submit\\)$",
                ID + " <= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtpa A=plain:mt-submit"
                        + arrivalTail(null, "ok-auth-plain@remote.test")
                        + "[\\s\\S]*\\1 => ok-auth-plain@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp "
                        + deliverySize() + peer + " " + PEER_QUEUED,
                ID + " <= mt-sender@example\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtpa A=login:mt-submit"
                        + arrivalTail(null, "ok-auth-login@remote.test")
                        + "[\\s\\S]*\\1 => ok-auth-login@remote\\.test " + deliveryFrom(LOCAL_SENDER) + "R=remote_sink T=remote_smtp "
                        + deliverySize() + peer + " " + PEER_QUEUED),
                List.of(row(LOCAL_SENDER, "ok-auth-plain@remote.test", "Delivered", "RECEIVE", "SEND"),
                        row(LOCAL_SENDER, "ok-auth-login@remote.test", "Delivered", "RECEIVE", "SEND")));
    }

    /**
     * What the default selector cannot show: one SMTP session refuses {@code nosuch14} at RCPT and
     * accepts {@code mt-carol}; the DATA ACL freezes the message on arrival ({@code frozen by ACL},
     * subject {@code e2e-freeze...}) and the administrator removes it, so {@code mt-carol} is on no
     * delivery line. With {@code +received_recipients} the {@code <=} line names her and the row is
     * hers; without, the message's only row has no recipient. With {@code +pid} the refusal joins
     * the message of its session (one trace); without, it is a trace of its own.
     */
    private E2eCase<EximCaseContext> frozenOnArrival() {
        return new E2eCase<>("14-frozen-on-arrival", c -> {
            Swaks.Sent held = c.smtp().from("c14@client.test").recipients("nosuch14@example.test", "mt-carol@example.test")
                    .subject("e2e-freeze 14 held on arrival").send().expectExit(0);
            c.awaitLog(held.queueId() + " frozen by ACL$", SETTLE);
            c.settle(SETTLE);
            c.exim().run("-Mrm", held.queueId());
            c.settle(SETTLE);
        }, List.of(lineStart() + "H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] F=<c14@client\\.test> rejected RCPT <nosuch14@example\\.test>: Unrouteable address$",
                ID + " <= c14@client\\.test H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtp S=\\d+"
                        + arrivalTail("e2e-freeze 14 held on arrival", "mt-carol@example.test")
                        + "[\\s\\S]*\\1 frozen by ACL$[\\s\\S]*\\1 removed by root$"),
                List.of(row("c14@client.test", "nosuch14@example.test", "Failed", "REJECT")
                                .inTrace(selector.pids() ? "session" : "refusal"),
                        row("c14@client.test", selector.receivedRecipients() ? "mt-carol@example.test" : "",
                                "Dropped", "RECEIVE", "QUARANTINE", "DROP")
                                .inTrace(selector.pids() ? "session" : "message")));
    }
}
