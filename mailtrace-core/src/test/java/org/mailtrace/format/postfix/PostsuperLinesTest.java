package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailtrace.event.QueueAdminAction;

class PostsuperLinesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"placed on hold, hold", "released from hold, release", "requeued, requeue", "removed, delete"})
    void adminActionsAreNamed(String logged, String action) {
        QueueAdminAction a = event(QueueAdminAction.class, "postfix/postsuper", "D4F2023DB: " + logged);
        assertThat(a.queueId().value()).isEqualTo("D4F2023DB");
        assertThat(a.action().word()).isEqualTo(action);
    }

    @Test
    void totalsAreIgnored() {
        assertThat(ignoredReason("postfix/postsuper", "Deleted: 115 messages")).isEqualTo("postsuper: summary or remark");
        assertThat(ignoredReason("postfix/postsuper", "Placed on hold: 1 message")).isEqualTo("postsuper: summary or remark");
    }
}
