package org.mailtrace.bench.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds of a child JVM by kind of thread, sampled from {@code /proc/<pid>/task/<tid>/stat}
 * while it runs, so a missed throughput target can say where the CPU went: which thread is the
 * bottleneck, and how much the collector and the JIT compilers take.
 *
 * <p>A thread's figure is its last sample, so a thread that ends between two samples loses up to
 * one interval; the process total ({@code /proc/<pid>/stat}) also counts threads that ended, and
 * what the groups miss is reported as "other" (Lucene's merge threads, which come and go, mostly).
 * Thread names are Linux's {@code comm}, cut at 15 characters; HotSpot leaves the main thread's as
 * {@code java}.
 */
final class ThreadCpu {
    /** Name prefix to group, in report order ({@code java} must match whole: it prefixes other names). */
    static final Map<String, String> GROUPS = groups();

    private static Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("java", "reading thread (parse, correlate)");
        g.put("mailtrace-index", "indexing thread (documents, Lucene)");
        g.put("GC Thread", "garbage collector");
        g.put("C2 CompilerThre", "JIT compilers");
        g.put("C1 CompilerThre", "JIT compilers");
        return g;
    }

    static final String OTHER = "other (merges, VM, I/O)";

    private final long clockTicks;
    /** A thread's name and CPU ticks at its latest sample. */
    private record Sample(String name, long ticks) {
    }

    private final Map<Integer, Sample> lastByThread = new HashMap<>();
    private long processTicks;

    ThreadCpu(long clockTicksPerSecond) {
        this.clockTicks = clockTicksPerSecond;
    }

    /**
     * Takes one sample of every thread of {@code pid}, then of the process; keeps the sample only
     * when both were read (reading the total last keeps it at least the sum of its threads).
     */
    void sample(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<Integer, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                String[] name = new String[1];
                long t = ticks(task.resolve("stat"), name);
                if (t >= 0) {
                    threads.put(Integer.parseInt(task.getFileName().toString()), new Sample(name[0], t));
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // the process ended while listing: keep the previous sample
        }
        long total = ticks(proc.resolve("stat"), null);
        if (total >= 0) {
            processTicks = total;
            lastByThread.putAll(threads);
        }
    }

    /** Seconds per group, in {@link #GROUPS} order, then {@link #OTHER}; "all" holds the process total. */
    Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String group : GROUPS.values()) {
            out.putIfAbsent(group, 0.0);
        }
        long grouped = 0;
        for (Sample thread : lastByThread.values()) {
            String group = groupOf(thread.name());
            if (group != null) {
                out.merge(group, thread.ticks() / (double) clockTicks, Double::sum);
                grouped += thread.ticks();
            }
        }
        out.put(OTHER, Math.max(0, processTicks - grouped) / (double) clockTicks);
        out.put("all", processTicks / (double) clockTicks);
        return out;
    }

    static String groupOf(String threadName) {
        if (threadName == null) {
            return null;
        }
        for (Map.Entry<String, String> g : GROUPS.entrySet()) {
            if (g.getKey().equals("java") ? threadName.equals("java") : threadName.startsWith(g.getKey())) {
                return g.getValue();
            }
        }
        return null;
    }

    /**
     * utime + stime of a stat file in clock ticks, or -1 when it cannot be read; the name (which
     * may hold spaces and parentheses) goes to {@code name[0]} when given.
     */
    static long ticks(Path stat, String[] name) {
        String s;
        try {
            s = Files.readString(stat);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        int open = s.indexOf('(');
        int close = s.lastIndexOf(')');
        if (open < 0 || close < open) {
            return -1;
        }
        if (name != null) {
            name[0] = s.substring(open + 1, close);
        }
        String[] f = s.substring(close + 2).split(" ");
        // after the name: state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
        if (f.length < 13) {
            return -1;
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
