package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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
 * run (only for cases whose evidence is complete). {@code -Dmailtrace.e2e.cases=18,19-myorigin}
 * runs only the cases whose names start with one of the listed prefixes (all-cases.log is then
 * not rewritten). At the end it prints one line per case: what Postfix did and
 * which expectations the product missed. See docs/testing-e2e.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostfixEndToEndIT {

    private static final boolean REGENERATE = Boolean.getBoolean("mailtrace.e2e.regenerate");
    private static final int PARALLEL_PRODUCT_CHECKS = 2;
    private static final String SELECTION = System.getProperty("mailtrace.e2e.cases", "").trim();

    private Path root;
    private Path liveDir;
    private List<CaseRun> runs;
    private final Map<String, String> postfixVerdicts = new ConcurrentSkipListMap<>();
    private final Map<String, String> productVerdicts = new ConcurrentSkipListMap<>();

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
        List<E2eCase> selected = selectedCases();
        LiveSuite.Result result = LiveSuite.run(selected, liveDir.resolve("maillog"));
        runs = result.cases();

        Fixtures live = new Fixtures(liveDir);
        live.writeCombinedLog(result.combinedLog());
        for (CaseRun run : runs) {
            live.writeLog(run.definition().name(), run.log());
        }
        if (REGENERATE) {
            Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root));
            if (selected.size() == PostfixCases.all().size() && runs.stream().allMatch(CaseRun::happenedAsIntended)) {
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

    /** The cases named by {@code -Dmailtrace.e2e.cases} (name prefixes, comma-separated), or all. */
    private static List<E2eCase> selectedCases() {
        if (SELECTION.isEmpty()) {
            return PostfixCases.all();
        }
        List<String> prefixes = Arrays.stream(SELECTION.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        List<E2eCase> selected = PostfixCases.all().stream()
                .filter(c -> prefixes.stream().anyMatch(c.name()::startsWith)).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("-Dmailtrace.e2e.cases=" + SELECTION + " names no case; cases are "
                    + PostfixCases.all().stream().map(E2eCase::name).toList());
        }
        return selected;
    }

    /** One line per case, so a failing run says at a glance which case and which expectation. */
    @AfterAll
    void printSummary() {
        if (runs == null) {
            return;
        }
        StringBuilder summary = new StringBuilder("[mailtrace e2e] summary (postfix: did the scenario happen;"
                + " product: rows as in <case>.expect.json)\n");
        for (CaseRun run : runs) {
            String name = run.definition().name();
            summary.append(String.format("  %-34s postfix: %-4s product: %s%n", name,
                    postfixVerdicts.getOrDefault(name, "?"), productVerdicts.getOrDefault(name, "not checked")));
        }
        System.err.print(summary);
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
            String name = run.definition().name();
            postfixVerdicts.put(name, run.happenedAsIntended() ? "ok" : "FAIL");
            if (run.failure() != null) {
                throw new AssertionError(name + ": case body failed; its log slice:\n" + run.log(), run.failure());
            }
            assertThat(run.missingEvidence())
                    .as("%s: evidence missing from its log slice:%n%s", run.definition().name(), run.log())
                    .isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> productTracesEachLiveCaseAsCommitted() throws IOException {
        MailtraceCli cli = MailtraceCli.in(root, liveDir.resolve("mailtrace-cli.jsa"));
        if (!cli.isPresent()) {
            String message = "e2e: " + cli.launcher() + " not found; build the product first (./mvnw package)";
            assumeTrue(!REGENERATE, message + " - product assertions skipped while regenerating fixtures");
            throw new AssertionError(message);
        }
        Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root));
        // Each case costs a few launcher runs (one JVM each); two cases at a time use both CPUs.
        // The first case runs alone: its first launcher run writes the class archive the others map.
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PRODUCT_CHECKS, daemon -> {
            Thread thread = new Thread(daemon, "e2e-product-check");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<List<String>>> outcomes = new ArrayList<>();
        for (CaseRun run : runs) {
            FutureTask<List<String>> check = new FutureTask<>(() -> productDifferences(cli, golden, run));
            if (outcomes.isEmpty()) {
                check.run();
            } else {
                pool.execute(check);
            }
            outcomes.add(check);
        }
        pool.shutdown();
        return IntStream.range(0, runs.size()).mapToObj(i -> DynamicTest.dynamicTest(runs.get(i).definition().name(), () -> {
            CaseRun run = runs.get(i);
            String name = run.definition().name();
            List<String> differences;
            try {
                differences = outcomes.get(i).get(10, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new AssertionError(name + ": product check failed; log:\n" + run.log(), e.getCause());
            }
            assertThat(differences).as("%s: product rows differ from %s; log:%n%s", name,
                    golden.expectation(name), run.log()).isEmpty();
        }));
    }

    /** Ingests the case's live log into a fresh data directory and compares the rows with its expectation. */
    private List<String> productDifferences(MailtraceCli cli, Fixtures golden, CaseRun run) throws IOException {
        String name = run.definition().name();
        try {
            Path data = Files.createTempDirectory(liveDir, name + "-data");
            Path log = liveDir.resolve(name + ".log");
            Files.writeString(log, run.log(), StandardCharsets.UTF_8);
            cli.ingest(data, log);
            // Rows of one message share a trace: open each trace once (every detail is a JVM start).
            Map<String, List<String>> eventsByTrace = new HashMap<>();
            List<String> differences = TraceOutcome.differences(golden.readExpectation(name), cli.rows(data),
                    traceId -> eventsByTrace.computeIfAbsent(traceId,
                            id -> TraceOutcome.eventNames(cli.detail(data, id))));
            productVerdicts.put(name, differences.isEmpty() ? "ok" : String.join("; ", differences));
            return differences;
        } catch (IOException | RuntimeException e) {
            productVerdicts.put(name, "ERROR " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            throw e;
        }
    }
}
