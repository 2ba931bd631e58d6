package org.mailtrace.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sent, SENT", "SENT, SENT", "deferred, DEFERRED", "bounced, BOUNCED", "expired, EXPIRED",
            "deliverable, DELIVERABLE", "Undeliverable, UNDELIVERABLE", "expanded, REROUTED", "resolved, REROUTED",
            "redirected, REROUTED", "discarded, DISCARDED", "softbounce, OTHER", "'', OTHER"})
    void theLoggedWordNamesTheOutcomeWhateverItsCase(String word, DeliveryOutcome outcome) {
        assertThat(DeliveryOutcome.parse(word)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"deliverable, true", "undeliverable, true", "sent, false", "bounced, false"})
    void onlyAnAddressCheckAnswersAProbe(String word, boolean probe) {
        assertThat(DeliveryOutcome.parse(word).isAddressProbe()).isEqualTo(probe);
    }

    @org.junit.jupiter.api.Test
    void aMissingWordIsOther() {
        assertThat(DeliveryOutcome.parse(null)).isEqualTo(DeliveryOutcome.OTHER);
    }
}
