package org.mailtrace.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyReasonsTest {

    @Test
    void keepsTheSmtpReplyWithoutAddressesOrExplanation() {
        assertThat(ReplyReasons.normalize("Refused at RCPT by mail (smtpd): 550 5.1.1 <nosuch@example.test>: Recipient address rejected: "
                + "User unknown in local recipient table [5.1.1: the mailbox address does not exist; 550: the mailbox is unavailable]"))
                .isEqualTo("550 5.1.1 Recipient address rejected: User unknown in local recipient table");
    }

    @Test
    void takesTheRemoteReplyAfterSaidAndDropsInReplyTo() {
        assertThat(ReplyReasons.normalize("Delivery deferred, will retry, by smtp on mail via 127.0.0.1[127.0.0.1]:2526: host 127.0.0.1[127.0.0.1] said: "
                + "451 4.3.0 <defer@remote.test>: Temporary failure, try again later (in reply to RCPT TO command) [4.3.0: temporary]"))
                .isEqualTo("451 4.3.0 Temporary failure, try again later");
    }

    @Test
    void withoutAReplyCodeKeepsTheTextAfterTheFirstColon() {
        assertThat(ReplyReasons.normalize("Refused by size limit on mail (matched message size): queue file size limit exceeded"))
                .isEqualTo("queue file size limit exceeded");
        assertThat(ReplyReasons.normalize("Delivery deferred, will retry, by smtp on mail: connect to 127.0.0.1[127.0.0.1]:2599: Connection refused [4.4.1: no answer]"))
                .isEqualTo("connect to 127.0.0.1[127.0.0.1]:2599: Connection refused");
    }

    @Test
    void greylistRejectsOfDifferentRecipientsShareOneKey() {
        String a = ReplyReasons.normalize("Refused at RCPT by mail (smtpd): 451 4.7.1 <a@example.test>: Recipient address rejected: Greylisted (temporary: the client may retry)");
        String b = ReplyReasons.normalize("Refused at RCPT by mx2 (smtpd): 451 4.7.1 <b@other.test>: Recipient address rejected: Greylisted (temporary: the client may retry)");
        assertThat(a).isEqualTo(b).isEqualTo("451 4.7.1 Recipient address rejected: Greylisted");
    }

    @Test
    void blankDetailHasNoReasonAndLongOnesAreCut() {
        assertThat(ReplyReasons.normalize("  ")).isNull();
        assertThat(ReplyReasons.normalize("550 " + "x".repeat(500))).hasSize(ReplyReasons.MAX_CHARS);
    }
}
