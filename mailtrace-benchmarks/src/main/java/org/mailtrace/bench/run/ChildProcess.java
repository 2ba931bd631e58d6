package org.mailtrace.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a command (the real {@code mailtrace} CLI in its own JVM) and samples its peak resident set
 * size from {@code /proc/<pid>/status} and its CPU time per thread ({@link ThreadCpu}) while it
 * runs, so the figures are the product's, not the benchmark harness'.
 */
final class ChildProcess {
    /**
     * How the child ended: exit code, wall time, peak RSS in KiB (-1 where /proc is absent), and the
     * highest anonymous part of the RSS sampled (heap, metaspace, thread stacks, direct buffers). The
     * rest of the RSS is file pages: Lucene reads segments through mmap, and the pages a merge touches
     * count in the RSS although the kernel can drop them at any time.
     */
    record Outcome(int exitCode, double seconds, long peakRssKiB, long peakAnonKiB, Map<String, Double> cpuSeconds) {
    }

    private ChildProcess() {
    }

    static Outcome run(List<String> command, Path workDir, Path stdout, Path stderr) throws IOException, InterruptedException {
        return run(command, workDir, stdout, stderr, Map.of());
    }

    /** As {@link #run(List, Path, Path, Path)}, with these variables added to the child's environment. */
    static Outcome run(List<String> command, Path workDir, Path stdout, Path stderr, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = -1;
        long anon = -1;
        ThreadCpu cpu = new ThreadCpu(clockTicksPerSecond());
        while (p.isAlive()) {
            peak = Math.max(peak, statusKiB(status, "VmHWM:"));
            anon = Math.max(anon, statusKiB(status, "RssAnon:"));
            cpu.sample(p.pid());
            Thread.sleep(200);
        }
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(code, seconds, peak, anon, cpu.seconds());
    }

    /** What /proc counts CPU time in: {@code getconf CLK_TCK}, 100 (Linux's USER_HZ everywhere) when that fails. */
    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * A field of /proc/PID/status in KiB ({@code VmHWM:}, the kernel's own high-water mark of the RSS;
     * {@code RssAnon:}, its anonymous part now); -1 once the process is gone.
     */
    static long statusKiB(Path procStatus, String field) {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // exited between isAlive and the read
        }
        return -1;
    }
}
