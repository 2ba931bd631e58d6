package org.mailtrace.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.format.Formats;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.FileLineSource;
import org.mailtrace.source.Framed;
import org.mailtrace.source.LineFraming;
import org.mailtrace.source.SourceLine;
import org.mailtrace.source.YearResolver;

/**
 * Snapshots written by an earlier build (src/test/resources/snapshots/version-1, see its README)
 * restore without loss, and this build writes the same bytes for the same log: the snapshot format
 * changes only with a bump of the snapshot version.
 */
class EarlierSnapshotsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots/version-1");

    @ParameterizedTest
    @ValueSource(strings = {"postfix-e2e.11-connection-refused-deleted", "postfix-e2e.18-proxy-filter",
            "postfix-e2e.24-temporary-refusal-retried", "exim-e2e.11-frozen-then-removed"})
    void aVersionOneSnapshotRestoresWithoutLossAndThisBuildWritesTheSameBytes(String name) throws IOException {
        String earlier = Files.readString(SNAPSHOTS.resolve(name + ".json"));
        String dir = name.substring(0, name.indexOf('.'));
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(GOLDEN.resolve(dir).resolve("golden.properties"))) {
            props.load(in);
        }
        CorrelationSettings settings = new CorrelationSettings(
                new LinkedHashSet<>(words(props.getProperty("acceptedDomains", ""))),
                words(props.getProperty("trustedNetworks", "")), CorrelationSettings.defaults().idleLimit());
        Correlator now = fed(GOLDEN.resolve(dir).resolve(name.substring(dir.length() + 1) + ".log"), props, settings);

        // Since version 1 a trace also saves its revision (hop joins, docs/stores.md), left out while 0:
        // apart from it, this build writes the same bytes, and a version 1 snapshot reads as revision 0.
        assertThat(now.snapshot()).contains("\"revision\":");
        assertThat(now.snapshot().replaceAll(",\"revision\":\\d+", "")).isEqualTo(earlier);
        Correlator restored = Correlator.restore(settings, Formats.allRules(), earlier);
        assertThat(restored.snapshot()).isEqualTo(earlier);
        var restoredTraces = restored.drainChanges();
        assertThat(restoredTraces.upserted()).as("the traces still open at the end of the log").isNotEmpty();
        assertThat(restoredTraces).isEqualTo(now.drainChanges());
    }

    /** Every line of the log, without a drain in between: how the snapshots were written. */
    private static Correlator fed(Path log, Properties props, CorrelationSettings settings) throws IOException {
        LineFormat format = Formats.byName(props.getProperty("format", "postfix"));
        LineFraming framing = format.framing(ZoneId.of(props.getProperty("timezone", "UTC")),
                YearResolver.startingIn(Integer.parseInt(props.getProperty("year", "2026"))));
        Correlator c = new Correlator(settings, Formats.allRules());
        try (FileLineSource src = FileLineSource.open(log, 0, 0, 4 << 20)) {
            for (SourceLine line; (line = src.next()) != null; ) {
                if (framing.frame(line.text(), log.getFileName() + ":" + line.lineNumber()) instanceof Framed.Ok ok
                        && format.parse(ok.line()) instanceof ParseResult.Parsed p) {
                    p.events().forEach(e -> c.accept(e, format.rules()));
                }
            }
        }
        return c;
    }

    private static List<String> words(String csv) {
        return Arrays.stream(csv.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
