package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The correlator's memory caps as ingest's options: the summary counts what they did, and nothing is lost from the store. */
class IngestCapsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void messagesThatNeverEndAreStoredAsPartialTracesAndCountedInTheSummary() throws Exception {
        List<String> lines = new ArrayList<>();
        String subject = "s".repeat(10_000);
        for (int i = 0; i < 300; i++) {
            lines.add(String.format("Nov 28 10:%02d:%02d mx postfix/cleanup[42]: %011X: info: header Subject: %s from"
                    + " unknown[192.0.2.7]; from=<x%d@remote.test> to=<bob@example.test> proto=ESMTP helo=<h>",
                    i / 60, i % 60, 0x10000000L + i, subject, i));
        }
        Path log = tmp.resolve("mail.log");
        Files.write(log, lines);
        String data = tmp.resolve("data").toString();
        CliRun r = CliRun.of("ingest", "--data", data, "--year", "2026", "--accepted-domain", "example.test",
                "--retention-days", "0", "--max-open-messages", "50", "--max-field-chars", "1024", "--output", "json",
                log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.get("evictedByCap").asLong()).isEqualTo(250);
        assertThat(summary.get("linesCut").asLong()).isEqualTo(300);
        assertThat(summary.get("traces").asLong()).isEqualTo(300);

        CliRun table = CliRun.of("ingest", "--data", tmp.resolve("data2").toString(), "--year", "2026",
                "--retention-days", "0", "--max-open-messages", "50", log.toString());
        assertThat(table.out()).contains("evicted").contains("cut");

        CliRun bad = CliRun.of("ingest", "--data", tmp.resolve("data3").toString(), "--max-field-chars", "10",
                log.toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("max-field-chars");
    }
}
