package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using it" examples find what they look for in the bundled sample, as written: every
 * {@code ./mailtrace} line of that section's first code block runs here in order, against a copy of
 * the sample and a fresh store in place of {@code data}.
 */
class ReadmeExamplesTest {
    static final Path README = Path.of("../README.md");
    static final String SAMPLE = "samples/postfix-loopback.log";

    @TempDir
    Path tmp;

    /** The {@code ./mailtrace} command lines of the first sh block under "## Using it". */
    static List<String> usingItCommands() throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Using it");
        int start = readme.indexOf("```sh\n", section) + 6;
        String block = readme.substring(start, readme.indexOf("```", start));
        return block.lines().filter(l -> l.startsWith("./mailtrace ")).toList();
    }

    /** Splits a command line like the shell: blanks separate words, single quotes group, {@code >} ends it. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (!quoted && c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (!quoted && c == '>') {
                break;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void everyExampleFindsRowsInTheBundledSample() throws Exception {
        // A checkout made in 2026, as the README says the detail ID assumes: the sample's syslog
        // lines take their year from the file's modification time.
        Path sample = Files.copy(Path.of("..").resolve(SAMPLE), tmp.resolve("postfix-loopback.log"));
        Files.setLastModifiedTime(sample, FileTime.from(Instant.parse("2026-12-01T00:00:00Z")));
        Path data = tmp.resolve("data");
        List<String> commands = usingItCommands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(5);
        assertThat(commands.get(0)).as("the first example loads the sample").contains("ingest").contains(SAMPLE);
        for (String line : commands) {
            List<String> args = new ArrayList<>();
            List<String> w = words(line);
            for (int i = 1; i < w.size(); i++) {
                String word = w.get(i);
                args.add(word.equals(SAMPLE) ? sample.toString()
                        : word.equals("data") && w.get(i - 1).equals("--data") ? data.toString() : word);
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exit()).as(line + "\n" + r.err()).isZero();
            assertThat(r.err()).as(line).doesNotContain("No rows match").doesNotContain("no such trace");
            switch (args.get(0)) {
                case "trace" -> assertThat(r.out().lines().count()).as(line + "\n" + r.out()).isGreaterThan(1);
                case "detail" -> assertThat(r.out()).as(line).contains("Events");
                default -> assertThat(r.out()).as(line).contains("rows");
            }
        }
    }

    @Test
    void theExamplesUseTheStoreOfTheReadmesFirstCommand() throws Exception {
        String firstCommand = Files.readString(README).lines().filter(l -> l.startsWith("./mailtrace ")).findFirst()
                .orElseThrow();
        assertThat(firstCommand).contains("--data data").contains(SAMPLE);
        assertThat(usingItCommands()).allSatisfy(c -> assertThat(c).contains("--data data "));
    }
}
