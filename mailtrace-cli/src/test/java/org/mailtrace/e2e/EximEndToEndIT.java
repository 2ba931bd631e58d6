package org.mailtrace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real Exim, real SMTP, real product: runs every {@link EximCases case} against a private Exim
 * daemon on loopback (Debian's exim4-daemon-light, unpacked into {@code /opt/exim4-unpacked}),
 * checks that Exim did what each case intends, then feeds each case's slice of the main log to
 * {@code ./mailtrace ingest --format exim} and compares the rows with the case's committed
 * {@code <case>.expect.json} under {@code mailtrace-core/src/test/resources/golden/exim-e2e/}, and
 * checks what the {@link EximSelectorPromises selector promises} (search, subjects, advice).
 *
 * <p>This class runs with the {@link EximLogSelector#RICH rich} log_selector;
 * {@link EximDefaultSelectorEndToEndIT} runs the same cases with Debian's default.
 *
 * <p>Needs root, the unpacked Exim and swaks; skips with a message otherwise or when
 * {@code -Dmailtrace.e2e.skip=true}. {@code -Dmailtrace.e2e.regenerate=true} and
 * {@code -Dmailtrace.e2e.cases=...} work as for {@link PostfixEndToEndIT} (see {@link EndToEndSuite}
 * and docs/testing-e2e.md).
 */
class EximEndToEndIT extends EndToEndSuite<EximCaseContext> {

    /** The log_selector of this run's Exim; it also picks the ports and the fixture directory. */
    EximLogSelector selector() {
        return EximLogSelector.RICH;
    }

    @BeforeAll
    void runEveryCaseAgainstRealExim() throws IOException {
        runSelectedCasesLive();
    }

    @TestFactory
    Stream<DynamicTest> eximDidWhatEachCaseIntends() {
        return serverDidWhatEachCaseIntends();
    }

    @TestFactory
    Stream<DynamicTest> productTracesEachLiveCaseAsCommitted() throws IOException {
        return super.productTracesEachLiveCaseAsCommitted();
    }

    @Override
    String server() {
        return "exim";
    }

    @Override
    List<E2eCase<EximCaseContext>> allCases() {
        return EximCases.all(selector());
    }

    @Override
    void requirePrerequisites() {
        runOnlyIf("root".equals(System.getProperty("user.name")),
                "needs root (own Exim daemon, useradd); running as " + System.getProperty("user.name"));
        runOnlyIf(Files.isExecutable(Path.of(EximInstance.EXIM)), EximInstance.EXIM
                + " missing (cd \"$(mktemp -d)\" && apt-get download exim4-base exim4-daemon-light"
                + " && for d in *.deb; do dpkg-deb -x \"$d\" " + EximInstance.UNPACKED + "; done; see docs/testing-e2e.md)");
        runOnlyIf(Files.isExecutable(Path.of(Swaks.BINARY)), Swaks.BINARY + " missing (apt-get install swaks)");
    }

    @Override
    LiveRun runLive(List<E2eCase<EximCaseContext>> cases, Path liveDir) throws IOException {
        return EximLiveSuite.run(cases, selector(), liveDir.resolve("mainlog"));
    }

    @Override
    String fixtureSuite() {
        return selector().fixtureSuite();
    }

    @Override
    String liveDirectoryName() {
        return selector().liveDirectoryName();
    }

    @Override
    List<String> moreDifferences(MailtraceCli cli, Path data, CaseRun run, String summary, JsonNode rows) {
        return new EximSelectorPromises(selector()).differences(cli, data, run, summary, rows);
    }

    @Override
    String logFormat() {
        return "exim";
    }
}
