package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/**
 * Frames and parses every line of Proxmox pmg-log-tracker's public test inputs (read from
 * {@code mailtrace.shared.data}): every non-empty line frames, every Postfix line is parsed or ignored
 * (none malformed), and the lines of other programs (pmg-smtp-filter, pmgpolicy, systemd) are not ours.
 */
class PmgLogTrackerSamplesTest {
    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private final PostfixFormat format = new PostfixFormat();

    @TestFactory
    Stream<DynamicTest> everyLineFramesAndPostfixLinesParse() throws IOException {
        List<Path> inputs = inputs();
        assertThat(inputs).isNotEmpty();
        return inputs.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    @Test
    void yearChangeInTimechangeSampleKeepsStragglersInTheOldYear() throws IOException {
        Path file = inputs().stream().filter(p -> p.getFileName().toString().equals("test_input_timechange"))
                .findFirst().orElseThrow();
        SyslogFraming framing = new SyslogFraming(VIENNA, YearResolver.startingIn(2020));
        List<Integer> decemberYears = new ArrayList<>();
        List<Integer> januaryYears = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Framed framed = framing.frame(line, file.getFileName().toString());
            if (framed instanceof Framed.Ok) {
                int year = ((Framed.Ok) framed).line().time().atZone(VIENNA).getYear();
                if (line.startsWith("Dec 31")) {
                    decemberYears.add(year);
                } else if (line.startsWith("Jan 01")) {
                    januaryYears.add(year);
                }
            }
        }
        // The sample interleaves late "Dec 31 23:59:59" lines with the first "Jan 01" ones.
        assertThat(decemberYears).hasSizeGreaterThan(10).containsOnly(2020);
        assertThat(januaryYears).hasSizeGreaterThan(5).containsOnly(2021);
    }

    private void check(Path file) throws IOException {
        SyslogFraming framing = new SyslogFraming(VIENNA, YearResolver.startingIn(2020));
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String where = file.getFileName() + ":" + number + " " + line;
            Framed framed = framing.frame(line, file.getFileName() + ":" + number);
            if (line.isBlank()) {
                assertThat(framed).as(where).isInstanceOf(Framed.NotSyslog.class);
                continue;
            }
            assertThat(framed).as(where).isInstanceOf(Framed.Ok.class);
            RawLine raw = ((Framed.Ok) framed).line();
            ParseResult result = format.parse(raw);
            if (raw.tag().startsWith("postfix/")) {
                assertThat(result).as(where).isInstanceOfAny(ParseResult.Parsed.class, ParseResult.Ignored.class);
            } else {
                assertThat(result).as(where).isInstanceOf(ParseResult.NotMine.class);
            }
        }
    }

    private static List<Path> inputs() throws IOException {
        String shared = System.getProperty("mailtrace.shared.data");
        Path dir = shared == null ? null : Path.of(shared, "postfix", "pmg-log-tracker", "tests");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "pmg-log-tracker samples not found (system property mailtrace.shared.data); skipping");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().startsWith("test_input_")).sorted().forEach(out::add);
        }
        return out;
    }
}
