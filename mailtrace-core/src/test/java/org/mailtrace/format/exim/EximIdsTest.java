package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EximIdsTest {

    @Test
    void bothIdFormsAreRecognised() {
        assertThat(EximIds.looksLike("1uAbCd-0001Xy-7Q")).isTrue();
        assertThat(EximIds.looksLike("1uAbCd-000000001Xy-7Qab")).isTrue();
        assertThat(EximIds.looksLike("10HmaX-000000005vi-0000")).isTrue();
    }

    @Test
    void otherWordsAreNoIds() {
        assertThat(EximIds.looksLike("3F1B6C0423")).isFalse();
        assertThat(EximIds.looksLike("1uAbCd-0001Xy-7Qa")).isFalse();
        assertThat(EximIds.looksLike("1uAbCd-0001Xy")).isFalse();
        assertThat(EximIds.looksLike("1uAbCd-0001X_-7Q")).isFalse();
        assertThat(EximIds.looksLike("1uAbCd-0001Xy-7Q-00")).isFalse();
        assertThat(EximIds.looksLike("")).isFalse();
    }

    @Test
    void theLeadingIdOfAMessageNeedsASpaceAfterIt() {
        assertThat(EximIds.leading("1uAbCd-0001Xy-7Q <= a@b").value()).isEqualTo("1uAbCd-0001Xy-7Q");
        assertThat(EximIds.leading("1uAbCd-0001Xy-7Q")).isNotNull();
        assertThat(EximIds.leading("1uAbCd-0001Xy-7Q: x")).isNull();
        assertThat(EximIds.leading("Start queue run: pid=1")).isNull();
    }
}
