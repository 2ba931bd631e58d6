package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Snapshots hold link kinds by word, as they did when the kinds were strings. */
class LinkKindTest {

    @Test
    void theWordsAreThoseEarlierSnapshotsHold() {
        assertThat(Arrays.stream(LinkKind.values()).map(LinkKind::word))
                .containsExactly("hop", "message-id", "forward", "notification", "refused-attempt", "retried-attempt", "copy");
    }

    @Test
    void aSnapshotWithASavedLinkKindRestoresIt() {
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        ShuffleAndSnapshotTest.scenario().forEach(e -> c.accept(e, Events.POSTFIX));
        String snapshot = c.snapshot();
        assertThat(snapshot).contains("\"linkKind\":\"");
        assertThat(Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), snapshot).snapshot()).isEqualTo(snapshot);
    }
}
