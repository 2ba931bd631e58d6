package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mailtrace.event.NotificationQueued;

class BounceLinesTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "postfix/bounce, sender non-delivery",
            "postfix/bounce, postmaster non-delivery",
            "postfix/defer, sender delay",
            "postfix/trace, sender delivery status"})
    void notificationLinksOriginalToNotification(String tag, String kind) {
        NotificationQueued n = event(NotificationQueued.class, tag, "17CCA8044: " + kind + " notification: ADD2F8052");
        assertThat(n.queueId().value()).isEqualTo("17CCA8044");
        assertThat(n.kind()).isEqualTo(kind);
        assertThat(n.notificationId().value()).isEqualTo("ADD2F8052");
    }

    @Test
    void notificationWithoutNewQueueIdIsMalformed() {
        assertThat(malformedReason("postfix/bounce", "17CCA8044: sender non-delivery notification: ")).isEqualTo("bounce: notification without queue ID");
        assertThat(malformedReason("postfix/bounce", "17CCA8044: unexpected")).isEqualTo("bounce: unrecognised queue line");
    }
}
