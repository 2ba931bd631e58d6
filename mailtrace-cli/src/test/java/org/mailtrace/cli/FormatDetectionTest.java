package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --format, each file is read in the format its first lines show, and the summary says which. */
class FormatDetectionTest {
    @TempDir
    Path tmp;

    private static final Path EXIM_LOG = Path.of("../mailtrace-core/src/test/resources/golden/exim-e2e/02-alias-to-several.log");

    @Test
    void anEximMainLogAndAPostfixLogAreEachReadInTheirOwnFormat() {
        String data = tmp.resolve("data").toString();
        CliRun r = CliRun.of("ingest", "--data", data, EXIM_LOG.toString(), IngestAndSearchTest.LOG.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(EXIM_LOG + ": read as exim (detected from its first lines)")
                .contains(IngestAndSearchTest.LOG + ": read as postfix (detected from its first lines)");
        CliRun rows = CliRun.of("trace", "--data", data, "--recipient", "mt-team@example.test", "--output", "json");
        assertThat(rows.exit()).as(rows.err()).isZero();
        assertThat(rows.out()).contains("\"status\" : \"Expanded\"").contains("1xYuy3-0005Bg-0z");
    }

    @Test
    void aLogWithoutSubjectsOrPidsSaysWhichLogSelectorOptionsAddThem() throws Exception {
        Path bare = Files.write(tmp.resolve("mainlog"), List.of(
                "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q <= alice@example.org H=mx.example.net [192.0.2.7] P=esmtp S=1200 id=abc@example.org",
                "2026-11-28 12:44:36 1uAbCd-0001Xy-7Q => bob <bob@example.test> R=local_user T=mail_spool",
                "2026-11-28 12:44:36 1uAbCd-0001Xy-7Q Completed"));
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), bare.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(bare + ": no subjects in this log: add +subject to log_selector")
                .contains("add +pid to log_selector");
    }

    @Test
    void aGivenFormatIsNotDetected() {
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), "--format", "postfix", EXIM_LOG.toString());
        assertThat(r.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains(EXIM_LOG + ": no Postfix log lines");
    }

    @Test
    void mainLogsOfTwoHostsKeepTheirOwnHostNameAndTheirOwnMessages() throws Exception {
        String data = tmp.resolve("data").toString();
        // A copy that starts differently, or ingest would know the file as one it has read.
        List<String> lines = new ArrayList<>(Files.readAllLines(EXIM_LOG));
        lines.add(0, "2026-12-03 00:46:30 [19700] exim 4.96 daemon started: pid=19700, -q30m, listening for SMTP on [127.0.0.1]:2525");
        Path mx2 = Files.write(tmp.resolve("mainlog-mx2"), lines);
        CliRun first = CliRun.of("ingest", "--data", data, "--host-name", "mx1.example.test", EXIM_LOG.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        CliRun second = CliRun.of("ingest", "--data", data, "--host-name", "mx2.example.test", mx2.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        CliRun rows = CliRun.of("trace", "--data", data, "--recipient", "mt-team@example.test", "--output", "json");
        assertThat(rows.exit()).as(rows.err()).isZero();
        // The same queue ID on two hosts is two messages, each on its host, not one trace of doubled lines.
        assertThat(rows.out()).contains("\"mx1.example.test\"").contains("\"mx2.example.test\"")
                .doesNotContain("\"localhost\"");
        assertThat(rows.out().split("\"status\" : \"Expanded\"", -1)).hasSize(3);
    }

    @Test
    void aHostNameThatIsNotOneIsRefusedWithWhatToGive() {
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), "--host-name", "mx 1", EXIM_LOG.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--host-name 'mx 1' is not a host name").contains("mx1.example.org");
    }
}
