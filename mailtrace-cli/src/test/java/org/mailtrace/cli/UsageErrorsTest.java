package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unknownOptionIsBadUsageWithOneLine() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--frobnicate").contains("--help");
    }

    @Test
    void missingCommandIsBadUsage() {
        CliRun r = CliRun.of();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("ingest, trace, detail, serve or user");
    }

    @Test
    void badDateIsBadUsageNamingTheValue() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--start", "yesterday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'yesterday' is not an ISO date");
    }

    @Test
    void unknownStatusIsBadUsageListingTheKnownOnes() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--status", "Bounced");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown status 'Bounced'").contains("Delivered");
    }

    @Test
    void zeroLimitIsBadUsage() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--limit", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }

    @Test
    void unknownFormatIsBadUsageListingKnownFormats() {
        CliRun r = CliRun.of("ingest", "--data", dir.toString(), "--format", "qmail", "x.log");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown log format 'qmail'").contains("postfix");
    }

    @Test
    void missingLogFileIsRuntimeErrorNamingTheFile() {
        CliRun r = CliRun.of("ingest", "--data", dir.resolve("d").toString(), dir.resolve("nope.log").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope.log").contains("no such file");
    }

    @Test
    void searchingAMissingDataDirectorySaysToIngestFirst() {
        CliRun r = CliRun.of("trace", "--data", dir.resolve("absent").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("run 'mailtrace ingest");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String cmd : new String[] {"ingest", "trace", "detail"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Examples:").contains("--data");
        }
    }
}
