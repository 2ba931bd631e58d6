package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's lines/s appears only when enough lines were read for it to describe reading, not start-up. */
class IngestSummaryRateTest {
    @TempDir
    Path tmp;

    private static String linesReadLine(CliRun r) {
        return r.out().lines().filter(l -> l.startsWith("lines read")).findFirst().orElseThrow();
    }

    @Test
    void aSmallLogShowsTheTimeButNoRate() {
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("d").toString(), IngestAndSearchTest.LOG.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(linesReadLine(r)).matches("lines read +[\\d,]+ +\\(\\d+\\.\\d s\\)").doesNotContain("lines/s");
    }

    @Test
    void fromFiftyThousandLinesTheRateIsShown() throws Exception {
        // Lines of another program are cheap to read; the real log after them makes it a mail log.
        Path log = tmp.resolve("mail.log");
        StringBuilder other = new StringBuilder();
        for (int i = 0; i < IngestSummary.RATE_MIN_LINES; i++) {
            other.append("Nov 28 13:00:00 mail dovecot: imap(alice): Logged out in=").append(i).append('\n');
        }
        Files.writeString(log, other + Files.readString(IngestAndSearchTest.LOG));
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("d").toString(), log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(linesReadLine(r)).matches("lines read +[\\d,]+ +\\([\\d,]+ lines/s, \\d+\\.\\d s\\)");
    }
}
