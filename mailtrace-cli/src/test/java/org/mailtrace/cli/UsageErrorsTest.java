package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
        assertThat(r.err()).contains("ingest, trace, detail, serve, user, backup or restore");
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
    void anUnknownOptionIsReportedBeforeAMissingData() {
        CliRun r = CliRun.of("trace", "--dta", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--dta'").doesNotContain("Missing required option");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aDataDirectoryThatIsAFileIsCalledAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("mail.log"), "not a store\n");
        for (String[] args : new String[][] {
                {"trace", "--data", file.toString()},
                {"detail", "--data", file.toString(), "2f1c0c6e-8a53-3a8e-9c43-8d2b4f0e1a77"},
                {"ingest", "--data", file.toString(), IngestAndSearchTest.LOG.toString()},
                {"user", "list", "--data", file.toString()}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exit()).as(args[0]).isEqualTo(2);
            assertThat(r.err()).as(args[0]).contains("--data " + file + " is a file, not a data directory")
                    .doesNotContain("does not exist");
        }
        assertThat(Files.readString(file)).isEqualTo("not a store\n");
    }

    @Test
    void anInvertedRangeIsToldInTheUsersOwnTerms() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--start", "2026-11-05", "--end", "2026-11-01");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--end 2026-11-01 is before --start 2026-11-05")
                .contains("--start 2026-11-01 --end 2026-11-05")
                // The end of 2026-11-01 is 2026-11-02T00:00Z: a date the user never typed.
                .doesNotContain("2026-11-02").doesNotContain("T00:00");
    }

    @Test
    void aRangeWithNoTimeBetweenItsEndsSaysSo() {
        CliRun r = CliRun.of("trace", "--data", dir.toString(), "--start", "2026-11-05T10:00", "--end", "2026-11-05T10:00");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--end 2026-11-05T10:00 and --start 2026-11-05T10:00 leave no time between them");
        CliRun sameDay = CliRun.of("trace", "--data", dir.resolve("absent").toString(), "--start", "2026-11-05",
                "--end", "2026-11-05");
        assertThat(sameDay.err()).as("a date alone as --end includes that day")
                .doesNotContain("--end 2026-11-05").contains("does not exist");
    }

    @Test
    void subcommandErrorsPointToTheSubcommandsOwnHelp() {
        CliRun noRole = CliRun.of("user", "add", "--data", dir.toString(), "bob");
        assertThat(noRole.exit()).isEqualTo(2);
        assertThat(noRole.err()).startsWith("user add: ").contains("(see 'mailtrace user add --help')");
        CliRun badRole = CliRun.of("user", "add", "--data", dir.toString(), "bob", "--role", "root");
        assertThat(badRole.err()).startsWith("user add: unknown role").contains("(see 'mailtrace user add --help')");
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
