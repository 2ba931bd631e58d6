package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.MailEvent;

/** The snapshot names every event type it may hold, each by a name of its own. */
class StateJsonTest {

    @Test
    void everyPermittedEventTypeHasASnapshotName() {
        assertThat(Set.<Class<?>>copyOf(StateJson.EVENT_TYPES.keySet()))
                .isEqualTo(Set.of(MailEvent.class.getPermittedSubclasses()));
    }

    @Test
    void noTwoEventTypesShareASnapshotName() {
        Set<String> names = new HashSet<>();
        List<String> duplicates = StateJson.EVENT_TYPES.values().stream()
                .filter(n -> !names.add(n)).toList();
        assertThat(duplicates).isEmpty();
        assertThat(names).hasSize(MailEvent.class.getPermittedSubclasses().length);
    }
}
