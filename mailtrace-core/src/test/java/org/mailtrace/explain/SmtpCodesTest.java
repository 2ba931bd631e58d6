package org.mailtrace.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.SmtpReply;

class SmtpCodesTest {

    @Test
    void explainsUnknownMailbox() {
        assertThat(SmtpCodes.explainStatus("5.1.1")).contains("mailbox address does not exist").contains("permanent");
    }

    @Test
    void explainsCommonStatusCodes() {
        assertThat(SmtpCodes.explainStatus("5.7.1")).contains("not authorised");
        assertThat(SmtpCodes.explainStatus("4.7.1")).contains("not authorised").contains("temporary");
        assertThat(SmtpCodes.explainStatus("5.2.2")).contains("full");
        assertThat(SmtpCodes.explainStatus("5.3.4")).contains("larger");
        assertThat(SmtpCodes.explainStatus("4.4.1")).contains("did not answer");
        assertThat(SmtpCodes.explainStatus("4.4.2")).contains("connection");
        assertThat(SmtpCodes.explainStatus("5.4.4")).contains("no route");
        assertThat(SmtpCodes.explainStatus("5.7.23")).contains("SPF");
        assertThat(SmtpCodes.explainStatus("2.0.0")).contains("success");
    }

    @Test
    void everyRfc3463DetailIsCovered() {
        int[][] ranges = {{0, 0}, {1, 8}, {2, 4}, {3, 5}, {4, 7}, {5, 5}, {6, 5}, {7, 7}};
        for (int subject = 0; subject < ranges.length; subject++) {
            for (int detail = 0; detail <= ranges[subject][1]; detail++) {
                if (subject == 0 && detail > 0) {
                    continue;
                }
                assertThat(SmtpCodes.explainStatus("5." + subject + "." + detail))
                        .as("5.%d.%d", subject, detail).doesNotContain("unregistered").isNotBlank();
            }
        }
    }

    @Test
    void unknownDetailFallsBackToItsSubject() {
        assertThat(SmtpCodes.explainStatus("5.1.99")).contains("address");
    }

    @Test
    void notAStatusCodeIsNull() {
        assertThat(SmtpCodes.explainStatus("9.9.9")).isNull();
        assertThat(SmtpCodes.explainStatus("hello")).isNull();
        assertThat(SmtpCodes.explainStatus(null)).isNull();
        assertThat(SmtpCodes.explainReplyCode(0)).isNull();
    }

    @Test
    void explainsReplyCodes() {
        assertThat(SmtpCodes.explainReplyCode(550)).contains("permanent");
        assertThat(SmtpCodes.explainReplyCode(451)).contains("retry");
        assertThat(SmtpCodes.explainReplyCode(535)).contains("credentials");
        assertThat(SmtpCodes.explainReplyCode(599)).contains("permanent");
    }

    @Test
    void bracketedExplanationNamesBothCodes() {
        assertThat(SmtpCodes.explain(new SmtpReply(550, "5.1.1", "User unknown")))
                .startsWith("[5.1.1: the mailbox address does not exist").contains("; 550: ").endsWith("]");
        assertThat(SmtpCodes.explain(null)).isEmpty();
    }

    @Test
    void findsCodesInFreeText() {
        assertThat(SmtpCodes.explainText("host mx.far said: 552 5.2.2 Mailbox full (in reply to RCPT TO)", null))
                .contains("5.2.2").contains("552");
        assertThat(SmtpCodes.explainText("delivered to mailbox", "2.0.0")).contains("2.0.0");
        assertThat(SmtpCodes.explainText("connect to 192.0.2.1[192.0.2.1]:25: timed out", "4.4.1"))
                .startsWith("[4.4.1").doesNotContain("192:");
    }
}
