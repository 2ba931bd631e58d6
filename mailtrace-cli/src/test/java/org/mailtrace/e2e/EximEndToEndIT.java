package org.mailtrace.e2e;

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
 * {@code <case>.expect.json} under {@code mailtrace-core/src/test/resources/golden/exim-e2e/}.
 *
 * <p>Needs root, the unpacked Exim and swaks; skips with a message otherwise or when
 * {@code -Dmailtrace.e2e.skip=true}. {@code -Dmailtrace.e2e.regenerate=true} and
 * {@code -Dmailtrace.e2e.cases=...} work as for {@link PostfixEndToEndIT} (see {@link EndToEndSuite}
 * and docs/testing-e2e.md).
 */
class EximEndToEndIT extends EndToEndSuite<EximCaseContext> {

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
        return EximCases.all();
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
        return EximLiveSuite.run(cases, liveDir.resolve("mainlog"));
    }

    @Override
    String fixtureSuite() {
        return "exim-e2e";
    }

    @Override
    String liveDirectoryName() {
        return "e2e-exim";
    }

    @Override
    String logFormat() {
        return "exim";
    }
}
