package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoryTest {
    @TempDir
    Path dir;

    private void touch(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(dir.resolve(n), n + "\n");
        }
    }

    private List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void readsRotationsOldestFirstThenTheLiveLog() throws IOException {
        touch("mail.log", "mail.log.1", "mail.log.2.bz2", "mail.log.3.gz", "syslog", "syslog.1");
        Files.createDirectory(dir.resolve("mail.log.d"));
        LogDirectory.Scan scan = LogDirectory.of(dir, "mail.log*").scan();
        assertThat(names(scan.rotated())).containsExactly("mail.log.3.gz", "mail.log.2.bz2", "mail.log.1");
        assertThat(scan.live()).isEqualTo(dir.resolve("mail.log"));
        assertThat(names(scan.oldestFirst())).containsExactly("mail.log.3.gz", "mail.log.2.bz2", "mail.log.1", "mail.log");
    }

    @Test
    void theDefaultPatternFindsRhelsMaillogWithDateext() throws IOException {
        touch("maillog", "maillog-20261201", "maillog-20261124.gz", "messages", "secure-20261201");
        LogDirectory.Scan scan = LogDirectory.of(dir, LogDirectory.DEFAULT_PATTERN).scan();
        assertThat(names(scan.oldestFirst())).containsExactly("maillog-20261124.gz", "maillog-20261201", "maillog");
    }

    @Test
    void aPatternMatchingSeveralLogsIsRefusedWithTheirNames() throws IOException {
        touch("mail.log", "mail.err", "mail.warn", "mail.log.1");
        assertThatThrownBy(() -> LogDirectory.of(dir, "mail*").scan())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches 3 logs").hasMessageContaining("mail.err, mail.log, mail.warn");
    }

    @Test
    void onceTheLogIsKnownOtherLogsAppearingLaterAreIgnored() throws IOException {
        touch("mail.log");
        LogDirectory watched = LogDirectory.of(dir, "mail*");
        assertThat(watched.scan().live()).isEqualTo(dir.resolve("mail.log"));
        touch("mail.err", "mail.log.1");
        LogDirectory.Scan later = watched.scan();
        assertThat(names(later.rotated())).containsExactly("mail.log.1");
        assertThat(later.ignored()).containsKey("mail.err");
    }

    @Test
    void nothingMatchingIsReportedNotAnError() throws IOException {
        touch("syslog");
        LogDirectory.Scan scan = LogDirectory.of(dir, "mail.log*").scan();
        assertThat(scan.nothingMatched()).isTrue();
        assertThat(scan.live()).isNull();
    }

    @Test
    void onlyRotatedFilesLeaveTheLiveLogToWaitFor() throws IOException {
        touch("mail.log.1", "mail.log.2.gz.xz");
        LogDirectory.Scan scan = LogDirectory.of(dir, "mail.log*").scan();
        assertThat(scan.nothingMatched()).isFalse();
        assertThat(scan.live()).isEqualTo(dir.resolve("mail.log"));
        assertThat(names(scan.oldestFirst())).containsExactly("mail.log.1");
        assertThat(scan.ignored()).containsKey("mail.log.2.gz.xz");
    }

    @Test
    void aPatternThatExcludesTheLiveLogHasNoLiveLog() throws IOException {
        touch("mail.log", "mail.log.1");
        LogDirectory.Scan scan = LogDirectory.of(dir, "mail.log.*").scan();
        assertThat(names(scan.rotated())).containsExactly("mail.log.1");
        assertThat(scan.live()).isNull();
    }

    @Test
    void anExchangeFolderIsOneLogWhoseSeriesEachWriteTheirNewestFile() throws IOException {
        touch("MSGTRK2026120309-1.LOG", "MSGTRK2026120310-1.LOG", "MSGTRK2026120310-2.LOG", "MSGTRK2026120310-10.LOG",
                "MSGTRKMS2026120310-1.LOG", "MSGTRKMD2026120308-1.LOG.gz", "MSGTRKMD2026120309-1.log", "MSGTRKMA20261201-1.LOG");
        LogDirectory.Scan scan = LogDirectory.of(dir, "MSGTRK*").scan();
        assertThat(scan.naming()).isEqualTo(LogDirectory.Naming.EXCHANGE);
        assertThat(scan.live()).isNull();
        assertThat(names(scan.current())).as("the newest file of each series, oldest first")
                .containsExactly("MSGTRKMA20261201-1.LOG", "MSGTRKMD2026120309-1.log", "MSGTRKMS2026120310-1.LOG",
                        "MSGTRK2026120310-10.LOG");
        assertThat(names(scan.rotated())).containsExactly("MSGTRKMD2026120308-1.LOG.gz", "MSGTRK2026120309-1.LOG",
                "MSGTRK2026120310-1.LOG", "MSGTRK2026120310-2.LOG");
        assertThat(names(scan.oldestFirst())).containsExactly("MSGTRKMA20261201-1.LOG", "MSGTRKMD2026120308-1.LOG.gz",
                "MSGTRK2026120309-1.LOG", "MSGTRKMD2026120309-1.log", "MSGTRK2026120310-1.LOG", "MSGTRKMS2026120310-1.LOG",
                "MSGTRK2026120310-2.LOG", "MSGTRK2026120310-10.LOG");
        assertThat(scan.ignored()).isEmpty();
    }

    @Test
    void aNewerFileOfASeriesTakesOverAsCurrent() throws IOException {
        touch("MSGTRK2026120310-1.LOG", "MSGTRKMS2026120310-1.LOG");
        LogDirectory watched = LogDirectory.of(dir, "MSGTRK*.LOG");
        assertThat(names(watched.scan().current())).containsExactly("MSGTRK2026120310-1.LOG", "MSGTRKMS2026120310-1.LOG");
        touch("MSGTRK2026120310-2.LOG");
        LogDirectory.Scan later = watched.scan();
        assertThat(names(later.current())).containsExactly("MSGTRKMS2026120310-1.LOG", "MSGTRK2026120310-2.LOG");
        assertThat(names(later.rotated())).containsExactly("MSGTRK2026120310-1.LOG");
    }

    @Test
    void aSeriesWhoseNewestFileIsACompressedCopyHasNoCurrentFile() throws IOException {
        touch("MSGTRK2026120310-1.LOG", "MSGTRK2026120310-1.LOG.gz", "MSGTRKMD2026120309-1.LOG", "MSGTRKMD2026120310-1.LOG.gz");
        LogDirectory.Scan scan = LogDirectory.of(dir, "MSGTRK*").scan();
        assertThat(names(scan.current())).containsExactly("MSGTRK2026120310-1.LOG");
        assertThat(names(scan.rotated())).containsExactly("MSGTRKMD2026120309-1.LOG", "MSGTRK2026120310-1.LOG.gz",
                "MSGTRKMD2026120310-1.LOG.gz");
    }

    @Test
    void exchangeLogsAndAnotherLogTogetherAreRefusedAndOtherFilesLaterIgnored() throws IOException {
        touch("MSGTRK2026120310-1.LOG", "notes.txt");
        assertThatThrownBy(() -> LogDirectory.of(dir, "*").scan())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches 2 logs").hasMessageContaining("notes.txt, " + LogDirectory.EXCHANGE_LOG)
                .hasMessageContaining("'MSGTRK*'");
        Files.delete(dir.resolve("notes.txt"));
        LogDirectory watched = LogDirectory.of(dir, "*");
        assertThat(watched.scan().naming()).isEqualTo(LogDirectory.Naming.EXCHANGE);
        touch("notes.txt", "MSGTRK2026120310-1.LOG.xz");
        LogDirectory.Scan later = watched.scan();
        assertThat(names(later.current())).containsExactly("MSGTRK2026120310-1.LOG");
        assertThat(later.ignored()).containsOnlyKeys("notes.txt", "MSGTRK2026120310-1.LOG.xz");
    }

    @Test
    void exchangeNamesAppearingBesideASyslogLogAreAnotherLog() throws IOException {
        touch("mail.log");
        LogDirectory watched = LogDirectory.of(dir, "*");
        assertThat(watched.scan().naming()).isEqualTo(LogDirectory.Naming.ROTATED);
        touch("MSGTRK2026120310-1.LOG");
        LogDirectory.Scan later = watched.scan();
        assertThat(later.live()).isEqualTo(dir.resolve("mail.log"));
        assertThat(later.current()).isEmpty();
        assertThat(later.ignored()).containsEntry("MSGTRK2026120310-1.LOG", "another log than mail.log (--log-pattern selects one log)");
    }

    @Test
    void aMissingDirectoryOrAFileIsNamedWithTheFix() throws IOException {
        assertThatThrownBy(() -> LogDirectory.of(dir.resolve("nope"), "mail.log*").scan())
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no such directory");
        touch("mail.log");
        assertThatThrownBy(() -> LogDirectory.of(dir.resolve("mail.log"), "mail.log*").scan())
                .isInstanceOf(NotDirectoryException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> LogDirectory.of(dir, "/var/log/mail.log*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file name glob");
        assertThatThrownBy(() -> LogDirectory.of(dir, "mail.log[*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid glob");
    }
}
