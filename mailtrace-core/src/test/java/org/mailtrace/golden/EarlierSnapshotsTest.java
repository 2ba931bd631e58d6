package org.mailtrace.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
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
 * restore without loss, and this build writes the same bytes for the same log but for what version 2
 * added (each part's format): the snapshot format changes only with a bump of the snapshot version.
 */
class EarlierSnapshotsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots/version-1");

    @ParameterizedTest
    @ValueSource(strings = {"postfix-e2e.11-connection-refused-deleted", "postfix-e2e.18-proxy-filter",
            "postfix-e2e.24-temporary-refusal-retried", "exim-e2e.11-frozen-then-removed"})
    void aVersionOneSnapshotRestoresWithoutLossAndThisBuildWritesTheSameBytesButPartFormats(String name) throws IOException {
        String earlier = Files.readString(SNAPSHOTS.resolve(name + ".json"));
        String dir = name.substring(0, name.indexOf('.'));
        Properties props = golden(dir);
        CorrelationSettings settings = settings(props);
        Correlator now = fed(GOLDEN.resolve(dir).resolve(name.substring(dir.length() + 1) + ".log"), props, settings);

        // Since version 1 a trace also saves its revision (hop joins, docs/stores.md), left out while 0,
        // and since version 2 each part the format whose line created it: apart from those, this build
        // writes the same bytes, and a version 1 snapshot reads as revision 0 and parts without a format.
        String written = now.snapshot();
        assertThat(written).startsWith("{\"snapshotVersion\":2,").contains("\"revision\":")
                .contains("\"format\":\"" + props.getProperty("format", "postfix") + "\"");
        assertThat(asVersionOne(written)).isEqualTo(earlier);
        Correlator restored = Correlator.restore(settings, Formats.allRules(), earlier);
        assertThat(restored.snapshot()).as("written again: version 2, its parts still without a format")
                .isEqualTo(earlier.replaceFirst("^\\{\"snapshotVersion\":1,", "{\"snapshotVersion\":2,"));
        var restoredTraces = restored.drainChanges();
        var nowTraces = now.drainChanges();
        assertThat(restoredTraces.upserted()).as("the traces still open at the end of the log").isNotEmpty();
        assertThat(restoredTraces).isEqualTo(nowTraces);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postfix-e2e.11-connection-refused-deleted", "postfix-e2e.18-proxy-filter",
            "postfix-e2e.24-temporary-refusal-retried", "exim-e2e.11-frozen-then-removed"})
    void aVersionTwoSnapshotRestoresWithTheFormatOfEachPart(String name) throws IOException {
        String dir = name.substring(0, name.indexOf('.'));
        Properties props = golden(dir);
        CorrelationSettings settings = settings(props);
        Correlator now = fed(GOLDEN.resolve(dir).resolve(name.substring(dir.length() + 1) + ".log"), props, settings);

        String written = now.snapshot();
        Correlator restored = Correlator.restore(settings, Formats.allRules(), written);
        assertThat(restored.snapshot()).isEqualTo(written);
        assertThat(written).contains("\"format\":\"" + props.getProperty("format", "postfix") + "\"");
        assertThat(restored.drainChanges()).isEqualTo(now.drainChanges());
    }

    @Test
    void aSnapshotOfAFutureVersionIsRefusedSayingWhatToDo() throws IOException {
        String earlier = Files.readString(SNAPSHOTS.resolve("postfix-e2e.18-proxy-filter.json"));
        String future = earlier.replaceFirst("^\\{\"snapshotVersion\":1,", "{\"snapshotVersion\":3,");
        assertThatThrownBy(
                        () -> Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correlator snapshot: version 3 was written by a newer mailtrace; this one reads versions"
                        + " up to 2: run the mailtrace version that wrote this data directory (see 'mailtrace --version'"
                        + " there), or restore a backup made before the upgrade ('mailtrace restore')");
    }

    /** A snapshot of this build as version 1 wrote it: no revision while 0 (then as now), no part formats. */
    private static String asVersionOne(String snapshot) {
        return snapshot.replaceFirst("^\\{\"snapshotVersion\":2,", "{\"snapshotVersion\":1,")
                .replaceAll(",\"revision\":\\d+", "").replaceAll(",\"format\":\"[a-z]+\"", "");
    }

    private static Properties golden(String dir) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(GOLDEN.resolve(dir).resolve("golden.properties"))) {
            props.load(in);
        }
        return props;
    }

    private static CorrelationSettings settings(Properties props) {
        return new CorrelationSettings(new LinkedHashSet<>(words(props.getProperty("acceptedDomains", ""))),
                words(props.getProperty("trustedNetworks", "")), CorrelationSettings.defaults().idleLimit());
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
