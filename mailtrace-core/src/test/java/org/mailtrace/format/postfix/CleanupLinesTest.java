package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.Peer;
import org.mailtrace.event.SmtpReply;

class CleanupLinesTest {
    private static final String CLEANUP = "postfix/cleanup";

    @Test
    void messageIdKeepsItsBracketsAndEmptyIdsBecomeEmpty() {
        MessageIdSeen seen = event(MessageIdSeen.class, CLEANUP, "3F1B6C0423: message-id=<20240305.abc@example.org>");
        assertThat(seen.messageId()).isEqualTo("<20240305.abc@example.org>");
        assertThat(seen.resent()).isFalse();
        assertThat(event(MessageIdSeen.class, CLEANUP, "3F1B6C0423: message-id=<>").messageId()).isEmpty();
        assertThat(event(MessageIdSeen.class, CLEANUP, "3F1B6C0423: message-id=").messageId()).isEmpty();
        assertThat(event(MessageIdSeen.class, CLEANUP, "3F1B6C0423: message-id=bare-id@example.org").messageId())
                .isEqualTo("bare-id@example.org");
        MessageIdSeen resent = event(MessageIdSeen.class, CLEANUP, "3F1B6C0423: resent-message-id=<r1@example.org>");
        assertThat(resent.resent()).isTrue();
        assertThat(resent.messageId()).isEqualTo("<r1@example.org>");
    }

    @Test
    void headerCheckRejectOnSubjectCarriesSubjectClientEnvelopeAndReply() {
        ContentDecision d = event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: reject: header Subject: You won a prize from mail.example.net[192.0.2.7];"
                        + " from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mail.example.net>: 5.7.1 No lotteries here");
        assertThat(d.action()).isEqualTo("reject");
        assertThat(d.source()).isEqualTo("header Subject: You won a prize");
        assertThat(d.subject()).isEqualTo("You won a prize");
        assertThat(d.client()).isEqualTo(new Peer("mail.example.net", "192.0.2.7", null));
        assertThat(d.envelope()).isEqualTo(new Envelope("a@example.net", "b@example.org", "ESMTP", "mail.example.net"));
        assertThat(d.reply()).isEqualTo(new SmtpReply(0, "5.7.1", "No lotteries here"));
        assertThat(d.argument()).isNull();
    }

    @Test
    void subjectContainingFromStillFindsTheClient() {
        ContentDecision d = event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: hold: header Subject: greetings from Berlin from a.example[192.0.2.1];"
                        + " from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>");
        assertThat(d.subject()).isEqualTo("greetings from Berlin");
        assertThat(d.client().ip()).isEqualTo("192.0.2.1");
    }

    @Test
    void bodyAndLocalSubmissionsHaveNoSubjectOrNetworkClient() {
        ContentDecision d = event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: discard: body click here now from local; from=<a@example.org> to=<b@example.org>");
        assertThat(d.source()).isEqualTo("body click here now");
        assertThat(d.subject()).isNull();
        assertThat(d.client()).isNull();
        assertThat(d.envelope().to()).isEqualTo("b@example.org");
    }

    @Test
    void milterRejectTakesTheReplyBeforeTheEnvelope() {
        ContentDecision d = event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: milter-reject: END-OF-MESSAGE from a.example[192.0.2.1]: 5.7.1 Spam message rejected;"
                        + " from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>");
        assertThat(d.action()).isEqualTo("milter-reject");
        assertThat(d.source()).isEqualTo("END-OF-MESSAGE");
        assertThat(d.reply()).isEqualTo(new SmtpReply(0, "5.7.1", "Spam message rejected"));
        assertThat(d.client().name()).isEqualTo("a.example");
    }

    @Test
    void redirectFilterAndPrependKeepTheirArgument() {
        assertThat(event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: redirect: header To: ceo@example.org from a.example[192.0.2.1]; from=<a@example.net>"
                        + " to=<ceo@example.org> proto=ESMTP helo=<a.example>: assistant@example.org").argument())
                .isEqualTo("assistant@example.org");
        assertThat(event(ContentDecision.class, CLEANUP,
                "3F1B6C0423: filter: header X-Scan: yes from a.example[192.0.2.1]; from=<a@example.net>"
                        + " to=<b@example.org> proto=ESMTP helo=<a.example>: smtp:[127.0.0.1]:10025").argument())
                .isEqualTo("smtp:[127.0.0.1]:10025");
        ContentDecision prepend = event(ContentDecision.class, CLEANUP,
                "48rT2v1hQrz1J0N: prepend: header X-Spam-Status: Yes, score=45.1 from mx2.example.org[192.0.2.41];"
                        + " from=<a@example.org> to=<r@example.net> proto=ESMTP helo=<mx2.example.org>: X-Spam-Flag: YES");
        assertThat(prepend.argument()).isEqualTo("X-Spam-Flag: YES");
        assertThat(QueueIds.isLong(prepend.queueId())).isTrue();
    }

    @Test
    void queueFileSizeLimitIsARejectOnMessageSize() {
        ContentDecision d = event(ContentDecision.class, CLEANUP, "warning: 3F1B6C0423: queue file size limit exceeded");
        assertThat(d.queueId().value()).isEqualTo("3F1B6C0423");
        assertThat(d.action()).isEqualTo("reject");
        assertThat(d.source()).isEqualTo("message size");
    }

    @Test
    void warningsWithoutQueueIdAreIgnoredAndUnknownQueuedLinesMalformed() {
        assertThat(ignoredReason(CLEANUP, "warning: dict_ldap_get_values[1]: DN uid=x not found, skipping")).isEqualTo("cleanup: warning");
        assertThat(ignoredReason(CLEANUP, "CLEANUP99:")).isEqualTo("cleanup: line without queue ID");
        assertThat(malformedReason(CLEANUP, "3F1B6C0423: something unexpected")).isEqualTo("cleanup: unrecognised queue line");
    }
}
