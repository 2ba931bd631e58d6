package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much a slice widens after it found too few hits. */
class NewestFirstGrowthTest {
    @Test
    void aSliceWithoutHitsWidensEightfold() {
        assertThat(NewestFirst.growth(0, 101)).isEqualTo(8);
    }

    @Test
    void aSliceWithSomeHitsWidensToAboutOneAndAHalfTimesTheMissingDensity() {
        assertThat(NewestFirst.growth(50, 101)).isEqualTo(4); // 1.5 * 101 / 50 = 3.03, rounded up
        assertThat(NewestFirst.growth(30, 101)).isEqualTo(6);
    }

    @Test
    void aSliceNearlyFullStillAtLeastDoubles() {
        assertThat(NewestFirst.growth(100, 101)).isEqualTo(2);
    }
}
