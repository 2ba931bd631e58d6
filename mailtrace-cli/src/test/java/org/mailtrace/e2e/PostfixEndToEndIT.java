package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Real Postfix, real SMTP, real product: runs every {@link PostfixCases case} against a private
 * Postfix instance on loopback, checks that Postfix did what each case intends, then feeds each
 * case's log slice to the {@code ./mailtrace} launcher and compares its rows with the case's
 * committed {@code <case>.expect.json}.
 *
 * <p>Needs root, Debian's postfix and swaks; skips with a message otherwise or when
 * {@code -Dmailtrace.e2e.skip=true}. With {@code -Dmailtrace.e2e.regenerate=true} it rewrites the
 * golden fixtures under {@code mailtrace-core/src/test/resources/golden/postfix-e2e/} from the live
 * run (only for cases whose evidence is complete). See docs/testing-e2e.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostfixEndToEndIT {

    private static final boolean REGENERATE = Boolean.getBoolean("mailtrace.e2e.regenerate");

    private Path root;
    private Path liveDir;
    private List<CaseRun> runs;

    @BeforeAll
    void runEveryCaseAgainstRealPostfix() throws IOException {
        runOnlyIf(!Boolean.getBoolean("mailtrace.e2e.skip"), "skipped by -Dmailtrace.e2e.skip=true");
        runOnlyIf("root".equals(System.getProperty("user.name")),
                "needs root (own Postfix instance, useradd); running as " + System.getProperty("user.name"));
        runOnlyIf(Files.isExecutable(Path.of(PostfixInstance.POSTFIX)),
                PostfixInstance.POSTFIX + " missing (apt-get install postfix)");
        runOnlyIf(Files.isExecutable(Path.of(Swaks.BINARY)), Swaks.BINARY + " missing (apt-get install swaks)");

        root = RepositoryRoot.locate();
        liveDir = root.resolve("mailtrace-cli/target/e2e");
        Files.createDirectories(liveDir);
        LiveSuite.Result result = LiveSuite.run(PostfixCases.all(), liveDir.resolve("maillog"));
        runs = result.cases();

        Fixtures live = new Fixtures(liveDir);
        live.writeCombinedLog(result.combinedLog());
        for (CaseRun run : runs) {
            live.writeLog(run.definition().name(), run.log());
        }
        if (REGENERATE) {
            Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root));
            if (runs.stream().allMatch(CaseRun::happenedAsIntended)) {
                golden.writeCombinedLog(result.combinedLog());
            }
            for (CaseRun run : runs) {
                if (run.happenedAsIntended()) {
                    golden.writeLog(run.definition().name(), run.log());
                    golden.writeExpectation(run.definition().name(), run.definition().expected());
                }
            }
        }
    }

    /** Aborts the suite when {@code condition} is false, saying why also on the console (Maven hides class-level aborts). */
    private static void runOnlyIf(boolean condition, String reason) {
        if (!condition) {
            System.err.println("[mailtrace e2e] PostfixEndToEndIT skipped: " + reason);
        }
        assumeTrue(condition, "e2e: " + reason);
    }

    @TestFactory
    Stream<DynamicTest> postfixDidWhatEachCaseIntends() {
        return runs.stream().map(run -> DynamicTest.dynamicTest(run.definition().name(), () -> {
            if (run.failure() != null) {
                throw new AssertionError(run.definition().name() + ": case body failed; its log slice:\n" + run.log(),
                        run.failure());
            }
            assertThat(run.missingEvidence())
                    .as("%s: evidence missing from its log slice:%n%s", run.definition().name(), run.log())
                    .isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> productTracesEachLiveCaseAsCommitted() {
        MailtraceCli cli = MailtraceCli.in(root);
        if (!cli.isPresent()) {
            String message = "e2e: " + cli.launcher() + " not found; build the product first (./mvnw package)";
            assumeTrue(!REGENERATE, message + " - product assertions skipped while regenerating fixtures");
            throw new AssertionError(message);
        }
        Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root));
        return runs.stream().map(run -> DynamicTest.dynamicTest(run.definition().name(), () -> {
            String name = run.definition().name();
            Path data = Files.createTempDirectory(liveDir, name + "-data");
            Path log = liveDir.resolve(name + ".log");
            Files.writeString(log, run.log(), StandardCharsets.UTF_8);
            cli.ingest(data, log);
            List<String> differences = TraceOutcome.differences(golden.readExpectation(name), cli.rows(data),
                    traceId -> TraceOutcome.eventNames(cli.detail(data, traceId)));
            assertThat(differences).as("%s: product rows differ from %s; log:%n%s", name,
                    golden.expectation(name), run.log()).isEmpty();
        }));
    }
}
