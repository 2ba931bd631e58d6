package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FILE in which no line is of a known format (Postfix, Exim, Exchange) is named on stderr; a run in which no FILE had one exits 1. */
class NotAMailLogTest {
    @TempDir
    Path tmp;

    private CliRun ingest(String... files) {
        String[] args = new String[files.length + 3];
        args[0] = "ingest";
        args[1] = "--data";
        args[2] = tmp.resolve("data").toString();
        System.arraycopy(files, 0, args, 3, files.length);
        return CliRun.of(args);
    }

    /** 1,500 lines of random bytes, like an executable named by mistake. */
    private Path binary(String name) throws Exception {
        Random random = new Random(7);
        byte[] bytes = new byte[1_500 * 41];
        for (int line = 0; line < 1_500; line++) {
            for (int i = 0; i < 40; i++) {
                byte b = (byte) random.nextInt(256);
                bytes[line * 41 + i] = b == '\n' ? (byte) 'x' : b;
            }
            bytes[line * 41 + 40] = '\n';
        }
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void aFileWithNoPostfixLineIsNamedAndTheRunExits1() throws Exception {
        Path ls = binary("ls");
        CliRun r = ingest(ls.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains(ls + ": no Postfix, Exim or Exchange log lines in 1,500 lines; is this a mail log?")
                .contains("no FILE had a Postfix, Exim or Exchange log line");
    }

    @Test
    void syslogLinesOfOtherProgramsAreNotAMailLogEither() throws Exception {
        Path auth = Files.writeString(tmp.resolve("auth.log"),
                "Nov 28 13:27:53 mail sshd[100]: Accepted publickey for root from 192.0.2.1 port 50000 ssh2\n"
                        + "Nov 28 13:27:54 mail CRON[101]: pam_unix(cron:session): session opened for user root\n");
        CliRun r = ingest(auth.toString());
        assertThat(r.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains(auth + ": no Postfix, Exim or Exchange log lines in 2 lines; is this a mail log?");
    }

    @Test
    void aStrayFileBesideARealLogIsNamedButTheRunSucceeds() throws Exception {
        Path ls = binary("ls");
        CliRun r = ingest(ls.toString(), IngestAndSearchTest.LOG.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(ls + ": no Postfix, Exim or Exchange log lines").doesNotContain(IngestAndSearchTest.LOG + ": no Postfix")
                .doesNotContain("no FILE had");
    }

    @Test
    void standardInputIsJudgedLikeAFile() {
        CliRun r = CliRun.withStdin(new ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)),
                "ingest", "--data", tmp.resolve("data").toString(), "--output", "json", "-");
        assertThat(r.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(r.err()).contains("-: no Postfix, Exim or Exchange log lines in 2 lines; is this a mail log?");
    }

    @Test
    void theJsonSummaryStaysCleanOnStandardOutput() throws Exception {
        Path ls = binary("ls");
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), "--output", "json", ls.toString());
        assertThat(r.exit()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(new ObjectMapper().readTree(r.out()).get("used").asLong()).isZero();
        assertThat(r.out()).doesNotContain("is this a mail log");
    }

    @Test
    void anEmptyFileIsNoError() throws Exception {
        Path empty = Files.createFile(tmp.resolve("mail.log"));
        CliRun r = ingest(empty.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("is this a mail log");
    }

    @Test
    void aResumedMailLogThatGotOnlyOtherProgramsLinesIsNoError() throws Exception {
        // Debian's mail.log also carries dovecot and opendkim lines; a run that finds only those is normal.
        Path log = Files.copy(IngestAndSearchTest.LOG, tmp.resolve("mail.log"));
        assertThat(ingest(log.toString()).exit()).isZero();
        Files.writeString(log, "Nov 28 23:59:00 mail dovecot: imap-login: Login: user=<alice>\n", StandardOpenOption.APPEND);
        CliRun again = ingest(log.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("is this a mail log");
    }
}
