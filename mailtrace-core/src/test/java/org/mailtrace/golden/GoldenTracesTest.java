package org.mailtrace.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.json.TraceJson;

/**
 * Golden-file tests of the whole reader: a real log excerpt in, the expected traces (JSON) out.
 *
 * <p>Each directory under {@code src/test/resources/golden/} has a {@code golden.properties}
 * (year, {@code year.NAME} per file, timezone, acceptedDomains, trustedNetworks, allowUnused buckets,
 * logSuffix, {@code sharedInputDir} when the logs are public samples read from the shared data folder, and
 * {@code template} / {@code template.value} when those samples are templates: the text replaced in every line)
 * and pairs {@code NAME.log} / {@code NAME.traces.json}; instead of {@code NAME.log} a folder {@code NAME/}
 * holds several logs (Exchange servers' message tracking logs), read file by file in path order, each
 * with its own framing, as {@code ingest DIR} reads them. With {@code -Dmailtrace.golden.update=true}
 * the expected files are (re)written from the actual output, to be reviewed line by line before
 * committing: the expectations are ours, checked by reading the logs.
 */
class GoldenTracesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("mailtrace.golden.update");
    private static final ObjectMapper JSON = TraceJson.mapper();

    @TestFactory
    Stream<DynamicTest> everyGoldenLogGivesItsExpectedTraces() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(dir.resolve("golden.properties"))) {
                    props.load(in);
                }
                Path inputs = inputDir(dir, props);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path expected : files.filter(p -> p.toString().endsWith(".traces.json")).sorted().toList()) {
                        String name = expected.getFileName().toString().replace(".traces.json", "");
                        tests.add(DynamicTest.dynamicTest(dir.getFileName() + "/" + name,
                                () -> check(inputs == null ? null : inputs.resolve(logName(name, props)), expected, props)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static List<String> list(String csv) {
        return java.util.Arrays.stream(csv.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static String logName(String name, Properties props) {
        return name + props.getProperty("logSuffix", ".log");
    }

    private static Path inputDir(Path dir, Properties props) {
        String shared = props.getProperty("sharedInputDir");
        if (shared == null) {
            return dir;
        }
        String base = System.getProperty("mailtrace.shared.data");
        if (base == null || !Files.isDirectory(Path.of(base, shared))) {
            return null;
        }
        return Path.of(base, shared);
    }

    private static void check(Path log, Path expected, Properties props) throws IOException {
        if (log != null && !Files.exists(log) && Files.isDirectory(log.resolveSibling(
                expected.getFileName().toString().replace(".traces.json", "")))) {
            log = log.resolveSibling(expected.getFileName().toString().replace(".traces.json", "")); // several logs: read as a folder
        }
        Assumptions.assumeTrue(log != null && Files.exists(log),
                "public sample not available (../shared/data missing): " + expected.getFileName());
        String name = expected.getFileName().toString().replace(".traces.json", "");
        CorrelationSettings settings = new CorrelationSettings(
                new LinkedHashSet<>(list(props.getProperty("acceptedDomains", ""))),
                list(props.getProperty("trustedNetworks", "")), CorrelationSettings.defaults().idleLimit());
        int year = Integer.parseInt(props.getProperty("year." + name, props.getProperty("year", "2026")));
        String template = props.getProperty("template");
        String filled = props.getProperty("template.value", "");
        GoldenRun run = GoldenRun.of(log, props.getProperty("format", "postfix"), year,
                ZoneId.of(props.getProperty("timezone", "UTC")), settings,
                template == null ? line -> line : line -> line.replace(template, filled));
        JsonNode actual = JSON.valueToTree(run.traces);
        if (UPDATE) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(expected.toFile(), actual);
        }
        JsonNode want = JSON.readTree(expected.toFile());
        assertThat(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
                .as("traces of %s (rerun with -Dmailtrace.golden.update=true to see the difference as a file diff)", log)
                .isEqualTo(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(want));
        String allowedUnused = props.getProperty("allowUnused", "foreign");
        for (String bucket : run.unused.keySet()) {
            assertThat(allowedUnused).as("lines of %s in bucket '%s': %s", log, bucket, run.unused.get(bucket))
                    .contains(bucket.startsWith("malformed") ? "malformed" : bucket);
        }
    }
}
