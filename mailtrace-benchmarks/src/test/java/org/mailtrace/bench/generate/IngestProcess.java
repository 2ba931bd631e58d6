package org.mailtrace.bench.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code mailtrace ingest} as the operator runs it: a child JVM of the real CLI main class
 * ({@code org.mailtrace.cli.Main}, from this test's class path), configured only by its arguments
 * and its environment. This JVM's {@code MAILTRACE_*} variables are dropped, so neither a developer's
 * data directory nor configuration file reaches the child; {@code env} then sets the store's.
 */
final class IngestProcess {
    private static final String MAIN = "org.mailtrace.cli.Main";

    private final String name;
    private final Process process;
    private final Path out;
    private final long started = System.nanoTime();

    private IngestProcess(String name, Process process, Path out) {
        this.name = name;
        this.process = process;
        this.out = out;
    }

    /** Starts {@code mailtrace ingest ARGS...} in {@code dir}; stdout and stderr go to {@code dir/NAME.out}. */
    static IngestProcess start(String name, Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), MAIN, "ingest"));
        cmd.addAll(args);
        Path out = dir.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MAILTRACE_"));
        pb.environment().putAll(env);
        return new IngestProcess(name, pb.start(), out);
    }

    /**
     * Waits for the process to end and fails, with everything it wrote, unless it exits 0 within
     * {@code minutes}; kills it when it does not end in time. Returns what it wrote (its summary).
     */
    String awaitSuccess(int minutes) throws IOException, InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": mailtrace ingest did not end within " + minutes + " min; it wrote:\n"
                    + Files.readString(out));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(name + ": mailtrace ingest exited " + process.exitValue() + "; it wrote:\n" + Files.readString(out));
        }
        return Files.readString(out);
    }

    /** Seconds since the process was started. */
    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Ends the process if it still runs (after a failure elsewhere). */
    void kill() {
        process.destroyForcibly();
    }
}
