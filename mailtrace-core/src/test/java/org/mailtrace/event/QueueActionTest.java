package org.mailtrace.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The words are what snapshots hold: they must read back to the same action. */
class QueueActionTest {

    @Test
    void everyActionReadsBackFromItsWord() {
        for (QueueAction a : QueueAction.values()) {
            assertThat(QueueAction.of(a.word())).isEqualTo(a);
        }
        assertThat(QueueAction.HOLD.word()).isEqualTo("hold");
        assertThat(QueueAction.DELETE.word()).isEqualTo("delete");
    }

    @Test
    void anUnknownWordIsRefusedByName() {
        assertThatThrownBy(() -> QueueAction.of("freeze")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'freeze'");
    }
}
