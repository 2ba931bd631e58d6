package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestInstance;

/**
 * What every real-mail-server suite does around its cases: pick the cases
 * ({@code -Dmailtrace.e2e.cases}), run them live, keep the live logs under {@code mailtrace-cli/target/},
 * rewrite the golden fixtures with {@code -Dmailtrace.e2e.regenerate=true}, check that the server did
 * what each case intends, run the real launcher on each case's slice and compare its rows with the
 * committed {@code <case>.expect.json}, and print one summary line per case at the end.
 *
 * <p>A suite (e.g. {@link PostfixEndToEndIT}, {@link EximEndToEndIT}) says which server, which cases,
 * how to run them, where its fixtures live and which {@code --format} the product reads them with.
 *
 * @param <C> the context the suite's case bodies work with
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndSuite<C> {

    static final boolean REGENERATE = Boolean.getBoolean("mailtrace.e2e.regenerate");
    private static final int PARALLEL_PRODUCT_CHECKS = 2;
    private static final String SELECTION = System.getProperty("mailtrace.e2e.cases", "").trim();

    private Path root;
    private Path liveDir;
    private List<CaseRun> runs;
    private final Map<String, String> serverVerdicts = new ConcurrentSkipListMap<>();
    private final Map<String, String> productVerdicts = new ConcurrentSkipListMap<>();

    /** The server's name as the summary shows it, lower case: "postfix", "exim". */
    abstract String server();

    /** Every case of the suite, in the order they run. */
    abstract List<E2eCase<C>> allCases();

    /** Skips the suite ({@link #runOnlyIf}) when something it needs is missing. */
    abstract void requirePrerequisites();

    /** Runs {@code cases} against the live server; leaves the raw log of the run in {@code liveDir}. */
    abstract LiveRun runLive(List<E2eCase<C>> cases, Path liveDir) throws IOException;

    /** The directory under {@code mailtrace-core/src/test/resources/golden/} that holds the fixtures. */
    abstract String fixtureSuite();

    /** Where the live logs of the last run stay, under {@code mailtrace-cli/target/} ("e2e", "e2e-exim"). */
    abstract String liveDirectoryName();

    /** The launcher's {@code ingest --format} for the server's log, or null for the default. */
    String logFormat() {
        return null;
    }

    /**
     * What else the suite promises of a case besides its rows, in words (empty: nothing, or all
     * kept): of the ingest {@code summary} of its slice, of its {@code rows}, of searches in
     * {@code data} with {@code cli}. Runs in the product checks' worker threads.
     */
    List<String> moreDifferences(MailtraceCli cli, Path data, CaseRun run, String summary, JsonNode rows) {
        return List.of();
    }

    /** Runs the selected cases live and writes their logs (and, when regenerating, the fixtures). */
    final void runSelectedCasesLive() throws IOException {
        runOnlyIf(!Boolean.getBoolean("mailtrace.e2e.skip"), "skipped by -Dmailtrace.e2e.skip=true");
        requirePrerequisites();

        root = RepositoryRoot.locate();
        liveDir = root.resolve("mailtrace-cli/target").resolve(liveDirectoryName());
        Files.createDirectories(liveDir);
        List<E2eCase<C>> selected = selectedCases();
        LiveRun result = runLive(selected, liveDir);
        runs = result.cases();

        Fixtures live = new Fixtures(liveDir);
        live.writeCombinedLog(result.combinedLog());
        for (CaseRun run : runs) {
            live.writeLog(run.definition().name(), run.log());
        }
        if (REGENERATE) {
            Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root, fixtureSuite()));
            if (selected.size() == allCases().size() && runs.stream().allMatch(CaseRun::happenedAsIntended)) {
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
    private List<E2eCase<C>> selectedCases() {
        if (SELECTION.isEmpty()) {
            return allCases();
        }
        List<String> prefixes = Arrays.stream(SELECTION.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        List<E2eCase<C>> selected = allCases().stream()
                .filter(c -> prefixes.stream().anyMatch(c.name()::startsWith)).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("-Dmailtrace.e2e.cases=" + SELECTION + " names no case; cases are "
                    + allCases().stream().map(E2eCase::name).toList());
        }
        return selected;
    }

    /** One line per case, so a failing run says at a glance which case and which expectation. */
    @AfterAll
    void printSummary() {
        if (runs == null) {
            return;
        }
        StringBuilder summary = new StringBuilder("[mailtrace e2e] summary (" + server() + ": did the scenario happen;"
                + " product: rows as in <case>.expect.json)\n");
        for (CaseRun run : runs) {
            String name = run.definition().name();
            summary.append(String.format("  %-34s %s: %-4s product: %s%n", name, server(),
                    serverVerdicts.getOrDefault(name, "?"), productVerdicts.getOrDefault(name, "not checked")));
        }
        System.err.print(summary);
    }

    /** Aborts the suite when {@code condition} is false, saying why also on the console (Maven hides class-level aborts). */
    final void runOnlyIf(boolean condition, String reason) {
        if (!condition) {
            System.err.println("[mailtrace e2e] " + getClass().getSimpleName() + " skipped: " + reason);
        }
        assumeTrue(condition, "e2e: " + reason);
    }

    /** One test per case: the case body ran to the end and its slice holds every piece of evidence. */
    final Stream<DynamicTest> serverDidWhatEachCaseIntends() {
        return runs.stream().map(run -> DynamicTest.dynamicTest(run.definition().name(), () -> {
            String name = run.definition().name();
            serverVerdicts.put(name, run.happenedAsIntended() ? "ok" : "FAIL");
            if (run.failure() != null) {
                throw new AssertionError(name + ": case body failed; its log slice:\n" + run.log(), run.failure());
            }
            assertThat(run.missingEvidence())
                    .as("%s: evidence missing from its log slice:%n%s", run.definition().name(), run.log())
                    .isEmpty();
        }));
    }

    /** One test per case: the launcher's rows for the case's live slice are the committed expectation. */
    Stream<DynamicTest> productTracesEachLiveCaseAsCommitted() throws IOException {
        MailtraceCli launcher = MailtraceCli.in(root, liveDir.resolve("mailtrace-cli.jsa"));
        if (!launcher.isPresent()) {
            String message = "e2e: " + launcher.launcher() + " not found; build the product first (./mvnw package)";
            assumeTrue(!REGENERATE, message + " - product assertions skipped while regenerating fixtures");
            throw new AssertionError(message);
        }
        MailtraceCli cli = logFormat() == null ? launcher : launcher.withFormat(logFormat());
        Fixtures golden = new Fixtures(RepositoryRoot.fixtures(root, fixtureSuite()));
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
            String summary = cli.ingest(data, log);
            JsonNode rows = cli.rows(data);
            // Rows of one message share a trace: open each trace once (every detail is a JVM start).
            Map<String, List<String>> eventsByTrace = new HashMap<>();
            List<String> differences = new ArrayList<>(TraceOutcome.differences(golden.readExpectation(name), rows,
                    traceId -> eventsByTrace.computeIfAbsent(traceId,
                            id -> TraceOutcome.eventNames(cli.detail(data, id)))));
            differences.addAll(moreDifferences(cli, data, run, summary, rows));
            productVerdicts.put(name, differences.isEmpty() ? "ok" : String.join("; ", differences));
            return differences;
        } catch (IOException | RuntimeException e) {
            productVerdicts.put(name, "ERROR " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            throw e;
        }
    }
}
