package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a first-time user reads: every command's --help, and --version. */
class HelpAndVersionTest {
    /** Every command path below {@code mailtrace}, found from the command tree so a new command is covered too. */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(InputStream.nullInputStream()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        for (var sub : cmd.getSubcommands().entrySet()) {
            List<String> longer = new ArrayList<>(path);
            longer.add(sub.getKey());
            collect(sub.getValue(), longer, paths);
        }
    }

    private static CliRun help(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyCommandHasHelpWithExamplesAndNoFormattingWarning() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).contains(List.of("user", "add"), List.of("user", "list"), List.of("user", "delete"));
        for (List<String> path : paths) {
            CliRun r = help(path);
            assertThat(r.exit()).as("%s", path).isZero();
            assertThat(r.err()).as("%s: stderr", path).isEmpty();
            assertThat(r.out()).as("%s", path).contains("Examples:");
        }
    }

    @Test
    void helpFitsEightyColumnsAndNoExampleIsWrappedMidLine() {
        for (List<String> path : commandPaths()) {
            List<String> lines = help(path).out().lines().toList();
            assertThat(lines).as("%s: lines over 80 columns", path).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            int start = lines.indexOf("Examples:");
            for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
                // picocli continues a too-long line at column 0; an example line starts with two blanks.
                assertThat(lines.get(i)).as("%s: example line %d", path, i).startsWith("  ");
            }
        }
    }

    @Test
    void defaultsShowRealValuesNotNull() {
        for (List<String> path : commandPaths()) {
            assertThat(help(path).out()).as("%s", path).doesNotContainPattern("null\\)|default: null");
        }
        assertThat(CliRun.of("ingest", "--help").out().replaceAll("\\s+", " "))
                .contains("default: this machine's, " + java.time.ZoneId.systemDefault().getId() + ")");
    }

    @Test
    void commandListShowsWholeSentences() {
        for (List<String> path : commandPaths()) {
            String out = help(path).out();
            int commands = out.indexOf("Commands:");
            if (commands < 0) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (String line : out.substring(commands, out.indexOf("\n\n", commands)).lines().skip(1).toList()) {
                if (line.matches(" {2}\\S.*")) {
                    entries.add(line.strip());
                } else {
                    entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
                }
            }
            assertThat(entries).as("%s", path).isNotEmpty().allSatisfy(e -> assertThat(e).endsWith("."));
        }
    }

    @Test
    void versionNamesTheProjectVersionAndTheCommitItWasBuiltFrom() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exit()).isZero();
        // Built by Maven from a git checkout (the usual case) or from a source tree without git.
        assertThat(r.out().strip()).matches("mailtrace \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? "
                + "\\((commit [0-9a-f]{12}(, with uncommitted changes)?|commit unknown)\\)");
    }

    @Test
    void aBuildWithoutGitOrWithoutMavenFilteringSaysUnknown() {
        Properties noGit = new Properties();
        noGit.setProperty("version", "1.2.3");
        noGit.setProperty("commit", "${mailtrace.git.commit}");
        noGit.setProperty("modified", "${mailtrace.git.modified}");
        assertThat(Version.describe(noGit)).isEqualTo("mailtrace 1.2.3 (commit unknown)");

        Properties unfiltered = new Properties();
        unfiltered.setProperty("version", "${project.version}");
        assertThat(Version.describe(unfiltered)).isEqualTo("mailtrace (version unknown) (commit unknown)");

        Properties built = new Properties();
        built.setProperty("version", "1.2.3");
        built.setProperty("commit", "0123456789ab");
        built.setProperty("modified", "true");
        assertThat(Version.describe(built)).isEqualTo("mailtrace 1.2.3 (commit 0123456789ab, with uncommitted changes)");
    }
}
