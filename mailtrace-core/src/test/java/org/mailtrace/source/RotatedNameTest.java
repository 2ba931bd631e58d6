package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RotatedNameTest {
    private static List<String> oldestFirst(String... names) {
        List<RotatedName> parsed = new ArrayList<>();
        for (String n : names) {
            parsed.add(RotatedName.parse(n));
        }
        Collections.shuffle(parsed, new Random(7));
        return parsed.stream().sorted(RotatedName.OLDEST_FIRST).map(RotatedName::name).toList();
    }

    @Test
    void numberedRotationsAreReadFromTheHighestNumberDownThenTheLiveLog() {
        assertThat(oldestFirst("mail.log", "mail.log.1", "mail.log.2.gz", "mail.log.3.gz", "mail.log.10.bz2"))
                .containsExactly("mail.log.10.bz2", "mail.log.3.gz", "mail.log.2.gz", "mail.log.1", "mail.log");
    }

    @Test
    void dateextRotationsAreReadByDate() {
        assertThat(oldestFirst("maillog", "maillog-20261201", "maillog-20261124.gz", "maillog-20261117.bz2"))
                .containsExactly("maillog-20261117.bz2", "maillog-20261124.gz", "maillog-20261201", "maillog");
        assertThat(oldestFirst("mail.log", "mail.log-20261130.gz", "mail.log-20261201-1764547200", "mail.log-20261129"))
                .containsExactly("mail.log-20261129", "mail.log-20261130.gz", "mail.log-20261201-1764547200", "mail.log");
    }

    @Test
    void datedRotationsComeBeforeNumberedOnesWhenBothExist() {
        assertThat(oldestFirst("mail.log.1", "mail.log-20261130.gz", "mail.log"))
                .containsExactly("mail.log-20261130.gz", "mail.log.1", "mail.log");
    }

    @Test
    void namesSplitIntoBaseAndPlace() {
        RotatedName numbered = RotatedName.parse("mail.log.3.gz");
        assertThat(numbered.base()).isEqualTo("mail.log");
        assertThat(numbered.place()).isEqualTo(RotatedName.Place.NUMBERED);
        assertThat(numbered.number()).isEqualTo(3);

        RotatedName rhel = RotatedName.parse("maillog-20261201");
        assertThat(rhel.base()).isEqualTo("maillog");
        assertThat(rhel.place()).isEqualTo(RotatedName.Place.DATED);
        assertThat(rhel.date()).isEqualTo("20261201");

        RotatedName isoDate = RotatedName.parse("mail.log-2026-11-30.bz2");
        assertThat(isoDate.base()).isEqualTo("mail.log");
        assertThat(isoDate.date()).isEqualTo("20261130");

        assertThat(RotatedName.parse("maillog").place()).isEqualTo(RotatedName.Place.LIVE);
        assertThat(RotatedName.parse("mail.log").isRotation()).isFalse();
        assertThat(RotatedName.parse("mail.err").base()).isEqualTo("mail.err");
    }

    @Test
    void unreadableOrPlacelessNamesAreIgnoredWithTheReason() {
        assertThat(RotatedName.parse("mail.log.2.xz").ignoredWhy()).contains("xz").contains("gzip and bzip2");
        assertThat(RotatedName.parse("mail.log.gz").ignoredWhy()).contains("without a rotation number or date");
        assertThat(RotatedName.parse("mail.log.2.xz").isRotation()).isFalse();
    }
}
