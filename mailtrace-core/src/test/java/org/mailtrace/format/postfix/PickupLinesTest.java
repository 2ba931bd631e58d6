package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.LocalSubmission;

class PickupLinesTest {
    @Test
    void localSubmissionNamesUidAndSender() {
        LocalSubmission s = event(LocalSubmission.class, "postfix/pickup", "D2FAE20586: uid=1000 from=<alice>");
        assertThat(s.queueId().value()).isEqualTo("D2FAE20586");
        assertThat(s.uid()).isEqualTo("1000");
        assertThat(s.sender()).isEqualTo("alice");
    }

    @Test
    void truncatedSubmissionIsMalformed() {
        assertThat(malformedReason("postfix/pickup", "D2FAE20586: uid=1000 from=<ali")).isEqualTo("pickup: unparsable submission line");
    }
}
