package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exchange message tracking logs through the CLI: a folder of servers' folders ({@code ingest DIR}),
 * with {@code --format exchange} or detected, compressed files, and the rows M365 would show.
 */
class ExchangeIngestTest {
    @TempDir
    Path tmp;

    private static final Path CASES = Path.of("../mailtrace-core/src/test/resources/golden/exchange");
    private static final Path THREE_SERVERS = CASES.resolve("01-mailbox-to-mailbox-and-edge");

    @Test
    void aFolderOfServersFoldersIsReadRecursivelyAndGivesOneTraceAcrossTheServers() {
        String data = tmp.resolve("data").toString();
        CliRun r = CliRun.of("ingest", "--data", data, "--format", "exchange", "--accepted-domain", "contoso.test",
                THREE_SERVERS.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("MSGTRKMS2026120310-1.LOG").contains("MSGTRKMD20261203-1.LOG")
                .contains("edge01").contains("mbx02");
        CliRun rows = CliRun.of("trace", "--data", data, "--sender", "alice@contoso.test", "--output", "json");
        assertThat(rows.exit()).as(rows.err()).isZero();
        assertThat(rows.out()).contains("\"recipientAddress\" : \"bob@contoso.test\"")
                .contains("\"recipientAddress\" : \"carol@fabrikam.test\"")
                .contains("\"status\" : \"Delivered\"").doesNotContain("GettingStatus");
        assertThat(rows.out().split("\"messageTraceId\"", -1)).as("one trace ID per row, the same for both").hasSize(3);
    }

    @Test
    void withoutFormatEachFileIsDetectedAsExchange() {
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), CASES.resolve("02-distribution-group").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("MSGTRK20261203-1.LOG: read as exchange (detected from its first lines)")
                .contains("MSGTRK2026120311-1.LOG: read as exchange (detected from its first lines)");
        CliRun rows = CliRun.of("trace", "--data", tmp.resolve("data").toString(), "--recipient", "sales@contoso.test",
                "--output", "json");
        assertThat(rows.out()).contains("\"status\" : \"Expanded\"");
    }

    @Test
    void aCompressedCopyReadsLikeThePlainFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs/edge01"));
        Path source = CASES.resolve("05-deferred-then-delivered/edge01/MSGTRK20261203-1.LOG");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("MSGTRK20261203-1.LOG.gz")))) {
            out.write(Files.readAllBytes(source));
        }
        CliRun r = CliRun.of("ingest", "--data", tmp.resolve("data").toString(), tmp.resolve("logs").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("read as exchange");
        CliRun rows = CliRun.of("trace", "--data", tmp.resolve("data").toString(), "--recipient", "slow@fabrikam.test",
                "--output", "json");
        assertThat(rows.out()).contains("\"status\" : \"Delivered\"");
    }

    @Test
    void filesInAFolderComeInPathOrderWithNumbersByValue() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d/ex01"));
        for (String n : List.of("MSGTRK2026120310-10.LOG", "MSGTRK2026120310-2.LOG", "MSGTRK2026120309-1.LOG", ".hidden")) {
            Files.writeString(dir.resolve(n), "");
        }
        assertThat(LogFolders.filesIn(tmp.resolve("d"))).extracting(p -> Path.of(p).getFileName().toString())
                .containsExactly("MSGTRK2026120309-1.LOG", "MSGTRK2026120310-2.LOG", "MSGTRK2026120310-10.LOG");
    }
}
