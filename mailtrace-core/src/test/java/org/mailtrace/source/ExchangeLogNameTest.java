package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeLogNameTest {
    private static List<String> oldestFirst(String... names) {
        return Arrays.stream(names).map(ExchangeLogName::parse).sorted(ExchangeLogName.OLDEST_FIRST)
                .map(ExchangeLogName::name).toList();
    }

    @Test
    void splitsSeriesHourAndSequenceWhateverTheCase() {
        ExchangeLogName hourly = ExchangeLogName.parse("msgtrkms2026120310-3.log");
        assertThat(hourly).isEqualTo(new ExchangeLogName("msgtrkms2026120310-3.log", "MSGTRKMS", "2026120310", 3, false));
        ExchangeLogName transport = ExchangeLogName.parse("MSGTRK2026120310-12.LOG");
        assertThat(transport.series()).isEqualTo("MSGTRK");
        assertThat(transport.sequence()).isEqualTo(12);
    }

    @Test
    void aDailyNameCountsAsHourZeroAndACompressedCopyIsMarked() {
        ExchangeLogName daily = ExchangeLogName.parse("MSGTRKMD20261203-1.LOG.gz");
        assertThat(daily).isEqualTo(new ExchangeLogName("MSGTRKMD20261203-1.LOG.gz", "MSGTRKMD", "2026120300", 1, true));
        assertThat(ExchangeLogName.parse("MSGTRKMA20261203-2.LOG.BZ2").compressed()).isTrue();
    }

    @Test
    void oldestFirstIsByHourThenSequenceAsANumberThenThePlainFileBeforeItsCopy() {
        assertThat(oldestFirst("MSGTRK2026120310-10.LOG", "MSGTRK2026120311-1.LOG", "MSGTRK2026120310-2.LOG",
                "MSGTRK2026120310-2.LOG.gz", "MSGTRKMS2026120310-1.LOG", "MSGTRK20261203-1.LOG", "MSGTRK2026120209-4.LOG"))
                .containsExactly("MSGTRK2026120209-4.LOG", "MSGTRK20261203-1.LOG", "MSGTRKMS2026120310-1.LOG",
                        "MSGTRK2026120310-2.LOG", "MSGTRK2026120310-2.LOG.gz", "MSGTRK2026120310-10.LOG",
                        "MSGTRK2026120311-1.LOG");
    }

    @Test
    void otherNamesAreNotMessageTrackingLogs() {
        for (String name : List.of("mail.log", "mail.log.1", "MSGTRK.LOG", "MSGTRK2026120310.LOG", "MSGTRK202612031-1.LOG",
                "MSGTRK2026120310-1.LOG.xz", "MSGTRK2026120310-1.txt", "XMSGTRK2026120310-1.LOG", "MSGTRK2026120310-1.LOG.1")) {
            assertThat(ExchangeLogName.parse(name)).as(name).isNull();
        }
    }
}
