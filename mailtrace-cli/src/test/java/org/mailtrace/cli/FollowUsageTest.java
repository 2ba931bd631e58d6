package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowUsageTest {
    @TempDir
    Path dir;

    @Test
    void followingStandardInputIsAUsageError() {
        CliRun run = CliRun.of("ingest", "--data", dir.resolve("data").toString(), "--follow", "-");
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--follow needs a log file as the last FILE");
    }

    @Test
    void aMalformedPollIntervalIsAUsageError() {
        CliRun run = CliRun.of("ingest", "--data", dir.resolve("data").toString(), "--follow", "--poll-interval", "soon", "mail.log");
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--poll-interval 'soon' is not a duration");
    }
}
