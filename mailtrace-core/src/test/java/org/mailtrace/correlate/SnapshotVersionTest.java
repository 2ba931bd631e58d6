package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The correlator snapshot carries its version first: older ones read, newer or unknown ones are refused whole. */
class SnapshotVersionTest {

    private static Correlator busy() {
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        ShuffleAndSnapshotTest.scenario().subList(0, 12).forEach(e -> c.accept(e, Events.POSTFIX));
        return c;
    }

    @Test
    void snapshotStartsWithItsVersion() {
        assertThat(busy().snapshot()).startsWith("{\"snapshotVersion\":" + CorrelationState.SNAPSHOT_VERSION + ",");
    }

    @Test
    void unversionedSnapshotOfAnEarlierReleaseIsVersionOneAndRestoresTheSameState() {
        Correlator c = busy();
        String unversioned = c.snapshot().replaceFirst("^\\{\"snapshotVersion\":1,", "{");
        assertThat(unversioned).doesNotContain("snapshotVersion");
        Correlator restored = Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), unversioned);
        assertThat(restored.snapshot()).isEqualTo(c.snapshot());
        assertThat(restored.drainChanges()).isEqualTo(c.drainChanges());
    }

    @Test
    void newerSnapshotIsRefusedBeforeItsFieldsAreReadAndSaysWhatToDo() {
        // A newer layout that this build would misread: refused on the version, not on the field.
        String newer = "{\"snapshotVersion\":2,\"traces\":[\"a list in version 2\"],\"seq\":\"x\"}";
        assertThatThrownBy(() -> Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), newer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("correlator snapshot: version 2 was written by a newer mailtrace")
                .hasMessageContaining("reads versions up to 1")
                .hasMessageContaining("restore a backup");
        assertThatThrownBy(() -> Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(),
                new ByteArrayInputStream(newer.getBytes(StandardCharsets.UTF_8))))
                .hasMessageStartingWith("correlator snapshot: version 2 was written by a newer mailtrace");
    }

    @Test
    void snapshotOfAnUnknownVersionIsRefused() {
        assertThatThrownBy(() -> Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), "{\"snapshotVersion\":0}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 0 is not a valid version");
    }
}
