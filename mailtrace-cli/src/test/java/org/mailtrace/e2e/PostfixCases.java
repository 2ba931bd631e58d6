package org.mailtrace.e2e;

import static org.mailtrace.e2e.ExpectedRow.row;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The scenarios of the real-Postfix suite, in the order they run. Each sends its own mail with
 * distinct envelope senders, so the rows of one case never collide, and declares the log lines
 * that prove Postfix did what the scenario is about.
 */
final class PostfixCases {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String NDR_SENDER = "";
    private static final String LOCAL_SENDER = "mt-sender@example.test";
    /** The one recipient the milter of case 21 refuses; a real local user, so only the milter says no. */
    static final String MILTER_REFUSED = "mt-carol@example.test";

    private PostfixCases() {
    }

    static List<E2eCase<CaseContext>> all() {
        return List.of(
                localDelivery(), unknownUser(), relayDenied(), mixedRecipients(), aliasToSeveral(),
                aliasToOne(), aliasForward(), outboundAccepted(), outboundBounced(), outboundExpired(),
                connectionRefusedDeleted(), headerChecks(), contentFilterQueuedAs(), filterActionOpaqueReply(),
                sendmailPickup(), sizeLimit(), greylisted(), proxyFilter(), myoriginSendmail(), virtualAliases(),
                milterRefusesOneRecipient(), addressVerificationProbes(), quitAfterRcpt(),
                temporaryRefusalThenRetry());
    }

    private static E2eCase<CaseContext> localDelivery() {
        return new E2eCase<>("01-local-delivery", c -> {
            c.smtp().from("c01@client.test").recipients("mt-alice@example.test").subject("e2e 01 local delivery")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("postfix/local\\[\\d+\\]: \\w+: to=<mt-alice@example.test>, relay=local, .*status=sent \\(delivered to mailbox\\)"),
                List.of(row("c01@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER")));
    }

    private static E2eCase<CaseContext> unknownUser() {
        return new E2eCase<>("02-unknown-user", c -> {
            c.smtp().from("c02@client.test").recipients("nosuch-user@example.test").subject("e2e 02 unknown user")
                    .send().expectExit(24);
            c.settle(SETTLE);
        }, List.of("NOQUEUE: reject: RCPT from .*: 550 5\\.1\\.1 <nosuch-user@example.test>: Recipient address rejected: User unknown"),
                List.of(row("c02@client.test", "nosuch-user@example.test", "Failed", "REJECT")));
    }

    private static E2eCase<CaseContext> relayDenied() {
        return new E2eCase<>("03-relay-denied", c -> {
            c.smtp().from("c03@client.test").recipients("ok-relay@remote.test").subject("e2e 03 relay denied")
                    .send().expectExit(24);
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-trusted@remote.test")
                    .subject("e2e 03 relay allowed from mynetworks").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("NOQUEUE: reject: RCPT from unknown\\[127\\.0\\.0\\.1\\]: 554 5\\.7\\.1 <ok-relay@remote.test>: Relay access denied",
                "client=unknown\\[127\\.0\\.0\\.2\\]",
                "to=<ok-trusted@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=sent"),
                List.of(row("c03@client.test", "ok-relay@remote.test", "Failed", "REJECT"),
                        row(LOCAL_SENDER, "ok-trusted@remote.test", "Delivered", "RECEIVE", "SEND")));
    }

    private static E2eCase<CaseContext> mixedRecipients() {
        return new E2eCase<>("04-mixed-recipients", c -> {
            c.smtp().trusted().from(LOCAL_SENDER)
                    .recipients("mt-alice@example.test", "nosuch-mixed@example.test", "ok-mixed@remote.test",
                            "reject-mixed@remote.test")
                    .subject("e2e 04 mixed outcomes").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("\\w+: reject: RCPT from .*: 550 5\\.1\\.1 <nosuch-mixed@example.test>",
                "to=<mt-alice@example.test>, relay=local, .*status=sent",
                "to=<ok-mixed@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=sent \\(250 2\\.0\\.0 Ok: queued as PEER\\d+\\)",
                "to=<reject-mixed@remote.test>, .*dsn=5\\.1\\.1, status=bounced .*in reply to RCPT TO command",
                "postfix/bounce\\[\\d+\\]: \\w+: sender non-delivery notification: \\w+",
                "from=<>, size=\\d+, nrcpt=1",
                "to=<mt-sender@example.test>, relay=local, .*status=sent"),
                List.of(row(LOCAL_SENDER, "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER"),
                        row(LOCAL_SENDER, "nosuch-mixed@example.test", "Failed", "REJECT"),
                        row(LOCAL_SENDER, "ok-mixed@remote.test", "Delivered", "RECEIVE", "SEND"),
                        row(LOCAL_SENDER, "reject-mixed@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private static E2eCase<CaseContext> aliasToSeveral() {
        return new E2eCase<>("05-alias-to-several", c -> {
            c.smtp().from("c05@client.test").recipients("mt-team@example.test").subject("e2e 05 alias to several")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<mt-alice@example.test>, orig_to=<mt-team@example.test>, relay=local, .*status=sent",
                "to=<mt-bob@example.test>, orig_to=<mt-team@example.test>, relay=local, .*status=sent"),
                List.of(row("c05@client.test", "mt-team@example.test", "Expanded", "RECEIVE", "EXPAND"),
                        row("c05@client.test", "mt-alice@example.test", "Delivered", "DELIVER"),
                        row("c05@client.test", "mt-bob@example.test", "Delivered", "DELIVER")));
    }

    private static E2eCase<CaseContext> aliasToOne() {
        return new E2eCase<>("06-alias-to-one", c -> {
            c.smtp().from("c06@client.test").recipients("mt-one@example.test").subject("e2e 06 alias to one")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<mt-carol@example.test>, orig_to=<mt-one@example.test>, relay=local, .*status=sent"),
                List.of(row("c06@client.test", "mt-one@example.test", "Delivered", "RECEIVE", "REDIRECT", "DELIVER")));
    }

    private static E2eCase<CaseContext> aliasForward() {
        return new E2eCase<>("07-alias-forward", c -> {
            c.smtp().from("c07@client.test").recipients("mt-forward@example.test").subject("e2e 07 alias forward")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<mt-forward@example.test>, relay=local, .*status=sent \\(forwarded as \\w+\\)",
                "postfix/smtp\\[\\d+\\]: \\w+: to=<ok-forward@remote.test>, orig_to=<mt-forward@example.test>, .*status=sent"),
                List.of(row("c07@client.test", "mt-forward@example.test", "Delivered", "RECEIVE", "REDIRECT", "SEND")
                        .withQueueIds(2)));
    }

    private static E2eCase<CaseContext> outboundAccepted() {
        return new E2eCase<>("08-outbound-accepted", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-out@remote.test").subject("e2e 08 outbound accepted")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<ok-out@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=sent \\(250 2\\.0\\.0 Ok: queued as PEER\\d+\\)"),
                List.of(row(LOCAL_SENDER, "ok-out@remote.test", "Delivered", "RECEIVE", "SEND")));
    }

    private static E2eCase<CaseContext> outboundBounced() {
        return new E2eCase<>("09-outbound-bounced", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("reject-out@remote.test").subject("e2e 09 outbound bounced")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<reject-out@remote.test>, .*dsn=5\\.1\\.1, status=bounced \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 550 5\\.1\\.1",
                "sender non-delivery notification: \\w+",
                "to=<mt-sender@example.test>, relay=local, .*status=sent"),
                List.of(row(LOCAL_SENDER, "reject-out@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private static E2eCase<CaseContext> outboundExpired() {
        return new E2eCase<>("10-outbound-expired", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("defer-expire@remote.test")
                    .subject("e2e 10 deferred until expiry").send().expectExit(0);
            c.awaitLog(sent.queueId() + ": from=<mt-sender@example.test>, status=expired, returned to sender",
                    Duration.ofSeconds(90));
            c.settle(SETTLE);
        }, List.of("to=<defer-expire@remote.test>, .*dsn=4\\.3\\.0, status=deferred \\(host .* said: 451 4\\.3\\.0",
                "status=expired, returned to sender",
                "sender non-delivery notification: \\w+",
                "to=<mt-sender@example.test>, relay=local, .*status=sent"),
                List.of(row(LOCAL_SENDER, "defer-expire@remote.test", "Failed", "RECEIVE", "DEFER", "EXPIRE", "NDR"),
                        row(NDR_SENDER, LOCAL_SENDER, "Delivered", "DELIVER")));
    }

    private static E2eCase<CaseContext> connectionRefusedDeleted() {
        return new E2eCase<>("11-connection-refused-deleted", c -> {
            Swaks.Sent sent = c.smtp().trusted().from(LOCAL_SENDER).recipients("someone@refused.test")
                    .subject("e2e 11 connection refused").send().expectExit(0);
            c.awaitLog(sent.queueId() + ": to=<someone@refused.test>, relay=none, .*status=deferred", Duration.ofSeconds(30));
            c.postfix().run("postsuper", "-d", sent.queueId());
            c.settle(SETTLE);
        }, List.of("connect to 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2599: Connection refused",
                "to=<someone@refused.test>, relay=none, .*dsn=4\\.4\\.1, status=deferred",
                "postfix/postsuper\\[\\d+\\]: \\w+: removed"),
                List.of(row(LOCAL_SENDER, "someone@refused.test", "Dropped", "RECEIVE", "DEFER", "DROP")));
    }

    private static E2eCase<CaseContext> headerChecks() {
        return new E2eCase<>("12-header-checks", c -> {
            c.smtp().from("c12-reject@client.test").recipients("mt-alice@example.test").subject("e2e-reject 12")
                    .send().expectExit(26);
            c.smtp().from("c12-discard@client.test").recipients("mt-alice@example.test").subject("e2e-discard 12")
                    .send().expectExit(0);
            c.smtp().from("c12-hold@client.test").recipients("mt-alice@example.test").subject("e2e-hold 12 stays held")
                    .send().expectExit(0);
            Swaks.Sent released = c.smtp().from("c12-release@client.test").recipients("mt-bob@example.test")
                    .subject("e2e-hold 12 then released").send().expectExit(0);
            c.settle(SETTLE);
            c.postfix().run("postsuper", "-H", released.queueId());
            c.awaitLog(released.queueId() + ": to=<mt-bob@example.test>, relay=local, .*status=sent", SETTLE);
            c.settle(SETTLE);
        }, List.of("postfix/cleanup\\[\\d+\\]: \\w+: reject: header Subject: e2e-reject 12 .*: 5\\.7\\.1 Subject refused by e2e policy",
                "postfix/cleanup\\[\\d+\\]: \\w+: discard: header Subject: e2e-discard 12 .*: e2e discard policy",
                "postfix/cleanup\\[\\d+\\]: \\w+: hold: header Subject: e2e-hold 12 stays held .*: e2e hold policy",
                "postfix/cleanup\\[\\d+\\]: \\w+: hold: header Subject: e2e-hold 12 then released ",
                "postfix/postsuper\\[\\d+\\]: \\w+: released from hold",
                "to=<mt-bob@example.test>, relay=local, .*status=sent"),
                List.of(row("c12-reject@client.test", "mt-alice@example.test", "Failed", "REJECT"),
                        row("c12-discard@client.test", "mt-alice@example.test", "Dropped", "DROP"),
                        row("c12-hold@client.test", "mt-alice@example.test", "Quarantined", "QUARANTINE"),
                        row("c12-release@client.test", "mt-bob@example.test", "Delivered",
                                "QUARANTINE", "RELEASE", "DELIVER")));
    }

    private static E2eCase<CaseContext> contentFilterQueuedAs() {
        return new E2eCase<>("13-content-filter-queued-as", c -> {
            Swaks.to(PostfixInstance.FILTERED_SMTPD_PORT, "client.test").from("c13@client.test")
                    .recipients("mt-alice@example.test").subject("e2e 13 content filter, reply names queue id")
                    .send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<mt-alice@example.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:10024, .*status=sent \\(250 2\\.0\\.0 Ok: queued as \\w+\\)",
                "to=<mt-alice@example.test>, relay=local, .*status=sent \\(delivered to mailbox\\)"),
                List.of(row("c13@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "TRANSFER", "DELIVER")
                        .withQueueIds(2)));
    }

    private static E2eCase<CaseContext> filterActionOpaqueReply() {
        return new E2eCase<>("14-filter-action-opaque-reply", c -> {
            c.smtp().from("c14@client.test").recipients("mt-filtered@example.test")
                    .subject("e2e 14 FILTER action, reply without queue id").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("NOQUEUE: filter: RCPT from .*<mt-filtered@example.test>: Recipient address triggers FILTER scan:\\[127\\.0\\.0\\.1\\]:10025",
                "to=<mt-filtered@example.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:10025, .*status=sent \\(250 2\\.0\\.0 Ok, id=\\d+\\)",
                "to=<mt-filtered@example.test>, relay=local, .*status=sent \\(delivered to mailbox\\)"),
                List.of(row("c14@client.test", "mt-filtered@example.test", "Delivered", "RECEIVE", "TRANSFER", "DELIVER")
                        .withQueueIds(2)));
    }

    private static E2eCase<CaseContext> sendmailPickup() {
        return new E2eCase<>("15-sendmail-pickup", c -> {
            c.postfix().sendmail(LOCAL_SENDER, "mt-bob@example.test",
                    "From: mt-sender@example.test\nTo: mt-bob@example.test\nSubject: e2e 15 sendmail pickup\n\n"
                            + "Submitted with sendmail(1), picked up by pickup(8).\n");
            c.settle(SETTLE);
        }, List.of("postfix/pickup\\[\\d+\\]: \\w+: uid=0 from=<mt-sender@example.test>",
                "to=<mt-bob@example.test>, relay=local, .*status=sent"),
                List.of(row(LOCAL_SENDER, "mt-bob@example.test", "Delivered", "SUBMIT", "DELIVER")));
    }

    private static E2eCase<CaseContext> sizeLimit() {
        return new E2eCase<>("16-size-limit", c -> {
            Path body = Files.createTempFile("mailtrace-e2e-big", ".txt");
            try {
                StringBuilder text = new StringBuilder();
                for (int line = 0; text.length() < 150_000; line++) {
                    text.append("line ").append(line).append(" of a message larger than message_size_limit\n");
                }
                Files.writeString(body, text, StandardCharsets.US_ASCII);
                c.smtp().from("c16@client.test").recipients("mt-alice@example.test").subject("e2e 16 too big")
                        .body("@" + body).send().expectExit(26);
            } finally {
                Files.deleteIfExists(body);
            }
            c.settle(SETTLE);
        }, List.of("postfix/smtpd\\[\\d+\\]: warning: \\w+: queue file size limit exceeded"),
                List.of(row("c16@client.test", "mt-alice@example.test", "Failed", "REJECT")));
    }

    private static E2eCase<CaseContext> greylisted() {
        return new E2eCase<>("17-greylisted", c -> {
            c.smtp().from("c17@client.test").recipients("greylist-me@example.test").subject("e2e 17 greylisted")
                    .send().expectExit(24);
            c.settle(SETTLE);
        }, List.of("NOQUEUE: reject: RCPT from .*: 451 4\\.7\\.1 <greylist-me@example.test>: Recipient address rejected: Greylisted, try again later"),
                List.of(row("c17@client.test", "greylist-me@example.test", "Pending", "REJECT")));
    }

    private static E2eCase<CaseContext> proxyFilter() {
        return new E2eCase<>("18-proxy-filter", c -> {
            Swaks.to(PostfixInstance.PROXY_FILTERED_SMTPD_PORT, "client.test").fromAddress("127.0.0.3")
                    .from("c18@client.test").recipients("mt-alice@example.test")
                    .subject("e2e 18 before-queue proxy filter").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("connect from unknown\\[127\\.0\\.0\\.3\\]",
                "postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[127\\.0\\.0\\.1\\], orig_client=unknown\\[127\\.0\\.0\\.3\\]",
                "postfix/smtpd\\[\\d+\\]: proxy-accept: END-OF-MESSAGE: 250 2\\.0\\.0 Ok: queued as \\w+; from=<c18@client.test> to=<mt-alice@example.test>",
                "to=<mt-alice@example.test>, relay=local, .*status=sent"),
                List.of(row("c18@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER")
                        .withFromIp("127.0.0.3")));
    }

    private static E2eCase<CaseContext> myoriginSendmail() {
        return new E2eCase<>("19-myorigin-sendmail", c -> {
            c.postfix().sendmail("root", "mt-bob@example.test",
                    "To: mt-bob@example.test\nSubject: e2e 19 sendmail -f root\n\n"
                            + "A bare local sender: cleanup appends myorigin.\n");
            c.settle(SETTLE);
        }, List.of("postfix/pickup\\[\\d+\\]: \\w+: uid=0 from=<root>",
                "postfix/qmgr\\[\\d+\\]: \\w+: from=<root@example.test>",
                "to=<mt-bob@example.test>, relay=local, .*status=sent"),
                List.of(row("root@example.test", "mt-bob@example.test", "Delivered", "SUBMIT", "DELIVER")));
    }

    private static E2eCase<CaseContext> virtualAliases() {
        return new E2eCase<>("20-virtual-aliases", c -> {
            c.smtp().from("c20-one@client.test").recipients("mt-virtual-one@example.test")
                    .subject("e2e 20 virtual alias to one").send().expectExit(0);
            c.smtp().from("c20-two@client.test").recipients("mt-virtual-two@example.test")
                    .subject("e2e 20 virtual alias to two").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("to=<mt-carol@example.test>, orig_to=<mt-virtual-one@example.test>, relay=local, .*status=sent",
                "to=<mt-alice@example.test>, orig_to=<mt-virtual-two@example.test>, relay=local, .*status=sent",
                "to=<mt-bob@example.test>, orig_to=<mt-virtual-two@example.test>, relay=local, .*status=sent"),
                List.of(row("c20-one@client.test", "mt-virtual-one@example.test", "Delivered",
                                "RECEIVE", "REDIRECT", "DELIVER").withFinalRecipients("mt-carol@example.test"),
                        row("c20-two@client.test", "mt-virtual-two@example.test", "Expanded", "RECEIVE", "EXPAND"),
                        row("c20-two@client.test", "mt-alice@example.test", "Delivered", "DELIVER"),
                        row("c20-two@client.test", "mt-bob@example.test", "Delivered", "DELIVER")));
    }

    private static E2eCase<CaseContext> milterRefusesOneRecipient() {
        return new E2eCase<>("21-milter-refused-recipient", c -> {
            Swaks.to(PostfixInstance.MILTER_SMTPD_PORT, "client.test").from("c21@client.test")
                    .recipients("mt-alice@example.test", MILTER_REFUSED, "nosuch-milter@example.test")
                    .subject("e2e 21 milter refuses one recipient").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("postfix/smtpd\\[\\d+\\]: \\w+: milter-reject: RCPT from .*: 550 5\\.7\\.1 Recipient refused by e2e milter policy; from=<c21@client.test> to=<mt-carol@example.test>",
                "postfix/smtpd\\[\\d+\\]: \\w+: reject: RCPT from .*: 550 5\\.1\\.1 <nosuch-milter@example.test>: Recipient address rejected: User unknown",
                "to=<mt-alice@example.test>, relay=local, .*status=sent"),
                List.of(row("c21@client.test", "mt-alice@example.test", "Delivered", "RECEIVE", "DELIVER"),
                        row("c21@client.test", MILTER_REFUSED, "Failed", "REJECT"),
                        row("c21@client.test", "nosuch-milter@example.test", "Failed", "REJECT")));
    }

    private static E2eCase<CaseContext> addressVerificationProbes() {
        return new E2eCase<>("22-address-verification-probes", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-verify@remote.test", "reject-verify@remote.test")
                    .subject("e2e 22 recipients verified by probes").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("postfix/qmgr\\[\\d+\\]: \\w+: from=<double-bounce@example.test>",
                "to=<ok-verify@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=deliverable",
                "to=<reject-verify@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=undeliverable",
                "reject: RCPT from .*: 550 \\S+ <reject-verify@remote.test>: Recipient address rejected: undeliverable address",
                "from=<mt-sender@example.test>, size=\\d+, nrcpt=1",
                "to=<ok-verify@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=sent"),
                List.of(row(LOCAL_SENDER, "ok-verify@remote.test", "Delivered", "RECEIVE", "SEND"),
                        row(LOCAL_SENDER, "reject-verify@remote.test", "Failed", "REJECT")));
    }

    /**
     * Postfix logs the queue ID (smtpd opens the queue file after the first valid RCPT) but neither
     * address: the only row possible has an empty sender and recipient.
     */
    private static E2eCase<CaseContext> quitAfterRcpt() {
        return new E2eCase<>("23-quit-after-rcpt", c -> {
            c.smtp().from("c23@client.test").recipients("mt-alice@example.test").quitAfter("RCPT")
                    .subject("e2e 23 never sent").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("postfix/smtpd\\[\\d+\\]: \\w+: client=unknown\\[127\\.0\\.0\\.1\\]$",
                "disconnect from unknown\\[127\\.0\\.0\\.1\\] ehlo=1 mail=1 rcpt=1 quit=1 commands=4"),
                List.of(row("", "", "Failed", "FAIL")));
    }

    private static E2eCase<CaseContext> temporaryRefusalThenRetry() {
        return new E2eCase<>("24-temporary-refusal-retried", c -> {
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-retry@remote.test")
                    .subject("e2e 24 refused for now, then retried").send().expectExit(24);
            c.postfix().removeMapEntry("recipient_access", "ok-retry@remote.test");
            c.smtp().trusted().from(LOCAL_SENDER).recipients("ok-retry@remote.test")
                    .subject("e2e 24 refused for now, then retried").send().expectExit(0);
            c.settle(SETTLE);
        }, List.of("NOQUEUE: reject: RCPT from unknown\\[127\\.0\\.0\\.2\\]: 450 4\\.2\\.0 <ok-retry@remote.test>: Recipient address rejected: try again; from=<mt-sender@example.test>",
                "to=<ok-retry@remote.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2526, .*status=sent"),
                List.of(row(LOCAL_SENDER, "ok-retry@remote.test", "Delivered", "RECEIVE", "REJECT", "SEND")));
    }
}
