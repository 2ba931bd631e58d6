package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentStringsTest {
    @Test
    void aRepeatedValueComesBackAsTheSameInstanceAndEqualToTheSubstring() {
        RecentStrings recent = new RecentStrings();
        String first = recent.get("Nov 27 00:00:01 mx1 postfix/smtpd[1]: x", 16, 19);
        String again = recent.get("Nov 27 00:00:02 mx1 postfix/qmgr[2]: y", 16, 19);
        assertThat(first).isEqualTo("mx1");
        assertThat(again).isSameAs(first);
    }

    @Test
    void valuesSharingASlotNeverComeBackAsEachOther() {
        RecentStrings recent = new RecentStrings();
        // "Aa" and "BB" have the same String hash, so they compete for one slot.
        assertThat(recent.get("x Aa y", 2, 4)).isEqualTo("Aa");
        assertThat(recent.get("x BB y", 2, 4)).isEqualTo("BB");
        assertThat(recent.get("x Aa y", 2, 4)).isEqualTo("Aa");
        assertThat(recent.get("x Aab y", 2, 5)).isEqualTo("Aab");
        assertThat(recent.get("x  y", 2, 2)).isEmpty();
    }

    @Test
    void longValuesAreCutButNotKept() {
        RecentStrings recent = new RecentStrings();
        String line = "h " + "a".repeat(100) + " t";
        String value = recent.get(line, 2, 102);
        assertThat(value).isEqualTo("a".repeat(100));
        assertThat(recent.get(line, 2, 102)).isNotSameAs(value).isEqualTo(value);
    }
}
