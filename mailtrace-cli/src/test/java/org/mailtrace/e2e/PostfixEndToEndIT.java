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
 * Real Postfix, real SMTP, real product: runs every {@link PostfixCases case} against a private
 * Postfix instance on loopback, checks that Postfix did what each case intends, then feeds each
 * case's log slice to the {@code ./mailtrace} launcher and compares its rows with the case's
 * committed {@code <case>.expect.json}.
 *
 * <p>Needs root, Debian's postfix and swaks; skips with a message otherwise or when
 * {@code -Dmailtrace.e2e.skip=true}. With {@code -Dmailtrace.e2e.regenerate=true} it rewrites the
 * golden fixtures under {@code mailtrace-core/src/test/resources/golden/postfix-e2e/} from the live
 * run (only for cases whose evidence is complete). {@code -Dmailtrace.e2e.cases=18,19-myorigin}
 * runs only the cases whose names start with one of the listed prefixes (all-cases.log is then
 * not rewritten). At the end it prints one line per case: what Postfix did and
 * which expectations the product missed. See docs/testing-e2e.md; the parts every suite shares are
 * in {@link EndToEndSuite}.
 */
class PostfixEndToEndIT extends EndToEndSuite<CaseContext> {

    @BeforeAll
    void runEveryCaseAgainstRealPostfix() throws IOException {
        runSelectedCasesLive();
    }

    @TestFactory
    Stream<DynamicTest> postfixDidWhatEachCaseIntends() {
        return serverDidWhatEachCaseIntends();
    }

    @TestFactory
    Stream<DynamicTest> productTracesEachLiveCaseAsCommitted() throws IOException {
        return super.productTracesEachLiveCaseAsCommitted();
    }

    @Override
    String server() {
        return "postfix";
    }

    @Override
    List<E2eCase<CaseContext>> allCases() {
        return PostfixCases.all();
    }

    @Override
    void requirePrerequisites() {
        runOnlyIf("root".equals(System.getProperty("user.name")),
                "needs root (own Postfix instance, useradd); running as " + System.getProperty("user.name"));
        runOnlyIf(Files.isExecutable(Path.of(PostfixInstance.POSTFIX)),
                PostfixInstance.POSTFIX + " missing (apt-get install postfix)");
        runOnlyIf(Files.isExecutable(Path.of(Swaks.BINARY)), Swaks.BINARY + " missing (apt-get install swaks)");
    }

    @Override
    LiveRun runLive(List<E2eCase<CaseContext>> cases, Path liveDir) throws IOException {
        return LiveSuite.run(cases, liveDir.resolve("maillog"));
    }

    @Override
    String fixtureSuite() {
        return "postfix-e2e";
    }

    @Override
    String liveDirectoryName() {
        return "e2e";
    }
}
