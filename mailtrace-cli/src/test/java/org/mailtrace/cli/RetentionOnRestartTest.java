package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention purge runs at the start of every ingest, also when there is nothing new to read, so
 * a purge that a crash interrupted (it is one commit: then nothing was purged) is done by the next run.
 */
class RetentionOnRestartTest {
    @TempDir
    Path dir;

    private static List<String> message(String day, String qid, String rcpt) {
        return List.of(
                day + " 10:00:00 mx1 postfix/smtpd[10]: " + qid + ": client=mail.sender.test[203.0.113.5]",
                day + " 10:00:00 mx1 postfix/cleanup[11]: " + qid + ": message-id=<" + qid + "@sender.test>",
                day + " 10:00:00 mx1 postfix/qmgr[12]: " + qid + ": from=<a@sender.test>, size=900, nrcpt=1 (queue active)",
                day + " 10:00:01 mx1 postfix/local[13]: " + qid + ": to=<" + rcpt + ">, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)",
                day + " 10:00:01 mx1 postfix/qmgr[12]: " + qid + ": removed");
    }

    @Test
    void purgesOldTracesAtTheNextStartEvenWithNothingNewToRead() throws Exception {
        Path log = dir.resolve("mail.log");
        var lines = new java.util.ArrayList<>(message("Nov  1", "1A2B3C4D5E", "old@example.org"));
        lines.addAll(message("Nov 20", "2B3C4D5E6F", "new@example.org"));
        Files.write(log, lines);
        String data = dir.resolve("data").toString();
        CliRun keepAll = CliRun.of("ingest", "--data", data, "--year", "2025", "--timezone", "UTC", "--retention-days", "0", log.toString());
        assertThat(keepAll.exit()).as(keepAll.err()).isZero();
        assertThat(rows(data)).hasSize(2);

        CliRun again = CliRun.of("ingest", "--data", data, "--year", "2025", "--timezone", "UTC", "--retention-days", "10",
                "--output", "json", log.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"tracesPurged\" : 1").contains("nothing new");
        assertThat(rows(data)).singleElement().asString().contains("new@example.org");
    }

    private static List<String> rows(String data) {
        CliRun run = CliRun.of("trace", "--data", data, "--output", "csv");
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().lines().skip(1).toList();
    }
}
