package org.mailtrace.format.exchange;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.event.MailEvent;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.source.Framed;

/** A message's copies on several servers are one trace whatever the order the files are read in, and across a snapshot. */
class ExchangeCorrelationTest {
    private static final Path CASE = Path.of("src/test/resources/golden/exchange/01-mailbox-to-mailbox-and-edge");
    private static final CorrelationSettings SETTINGS = new CorrelationSettings(Set.of("contoso.test"), List.of(),
            CorrelationSettings.DEFAULT_IDLE_LIMIT);
    private final ExchangeFormat format = new ExchangeFormat();

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(CASE)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private List<MailEvent> events(List<Path> files) throws IOException {
        List<MailEvent> out = new ArrayList<>();
        for (Path f : files) {
            ExchangeFraming framing = new ExchangeFraming();
            int n = 0;
            for (String line : Files.readAllLines(f)) {
                Framed framed = framing.frame(line, f.getFileName() + ":" + ++n);
                if (framed instanceof Framed.Ok ok && format.parse(ok.line()) instanceof ParseResult.Parsed p) {
                    out.addAll(p.events());
                }
            }
        }
        return out;
    }

    private static List<MessageTrace> traces(Correlator c) {
        return c.drainChanges().upserted();
    }

    @Test
    void anyFileOrderGivesTheSameSingleTrace() throws IOException {
        List<Path> files = files();
        Correlator sorted = new Correlator(SETTINGS, Formats.allRules());
        events(files).forEach(e -> sorted.accept(e, format.rules()));
        List<MessageTrace> expected = traces(sorted);
        assertThat(expected).hasSize(1);
        assertThat(expected.get(0).hosts()).containsExactly("mbx01.contoso.test", "mbx02.contoso.test", "edge01.contoso.test");

        Collections.reverse(files);
        Correlator reversed = new Correlator(SETTINGS, Formats.allRules());
        events(files).forEach(e -> reversed.accept(e, format.rules()));
        List<MessageTrace> got = traces(reversed);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).recipients()).isEqualTo(expected.get(0).recipients());
        assertThat(got.get(0).hosts()).isEqualTo(expected.get(0).hosts());
        assertThat(got.get(0).received()).isEqualTo(expected.get(0).received());
    }

    @Test
    void aSnapshotInTheMiddleChangesNothing() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASE.getParent())) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path c : cases) {
            try (Stream<Path> s = Files.walk(c)) {
                snapshotAnywhere(c, events(s.filter(Files::isRegularFile).sorted().toList()));
            }
        }
    }

    private void snapshotAnywhere(Path c, List<MailEvent> events) {
        Correlator whole = new Correlator(SETTINGS, Formats.allRules());
        events.forEach(e -> whole.accept(e, format.rules()));
        for (int cut = 1; cut < events.size(); cut += 3) {
            Correlator first = new Correlator(SETTINGS, Formats.allRules());
            events.subList(0, cut).forEach(e -> first.accept(e, format.rules()));
            Correlator resumed = Correlator.restore(SETTINGS, Formats.allRules(), first.snapshot());
            events.subList(cut, events.size()).forEach(e -> resumed.accept(e, format.rules()));
            String got = resumed.snapshot();
            String want = whole.snapshot();
            int at = 0;
            while (at < Math.min(got.length(), want.length()) && got.charAt(at) == want.charAt(at)) {
                at++;
            }
            assertThat(got.substring(Math.max(0, at - 300), Math.min(got.length(), at + 200)))
                    .as("%s cut at event %d", c.getFileName(), cut)
                    .isEqualTo(want.substring(Math.max(0, at - 300), Math.min(want.length(), at + 200)));
        }
    }
}
