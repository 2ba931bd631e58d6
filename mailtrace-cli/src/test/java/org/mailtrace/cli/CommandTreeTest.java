package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A short command builds only its own command model; help and errors still see every command. */
class CommandTreeTest {
    private static final String[] ALL = {"ingest", "trace", "detail", "serve", "user", "backup", "restore"};

    @Test
    void aNamedCommandBuildsOnlyItsOwnModel() {
        assertThat(Main.commandLine(InputStream.nullInputStream(), "trace", "--recipient", "bob@example.org")
                .getSubcommands()).containsOnlyKeys("trace");
        assertThat(Main.commandLine(InputStream.nullInputStream(), "user", "list").getSubcommands().get("user")
                .getSubcommands()).containsOnlyKeys("add", "list", "delete");
    }

    @Test
    void noCommandHelpOrAMisspeltCommandSeesEveryCommandInHelpOrder() {
        assertThat(Main.commandLine(InputStream.nullInputStream()).getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine(InputStream.nullInputStream(), "--help").getSubcommands().keySet()).containsExactly(ALL);
        assertThat(Main.commandLine(InputStream.nullInputStream(), "trcae").getSubcommands().keySet()).containsExactly(ALL);
    }

    @Test
    void theTopLevelHelpListsEveryCommandAndAMisspeltOneIsAUsageError() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        for (String command : ALL) {
            assertThat(help.out()).contains("  " + command + " ");
        }
        CliRun typo = CliRun.of("trcae");
        assertThat(typo.exit()).isEqualTo(Main.USAGE);
        assertThat(typo.err()).contains("trcae");
    }
}
