package org.mailtrace.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTest {

    @Test
    void readsUserPlusSystemTicksAndTheNameEvenWithSpacesAndParentheses(@TempDir Path dir) throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (C2 Compiler) x) S 1 4242 4242 0 -1 4194368 900 0 3 0 1234 56 0 0 20 0 30 0 77 0 0\n");
        String[] name = new String[1];

        assertThat(ThreadCpu.ticks(stat, name)).isEqualTo(1234 + 56);
        assertThat(name[0]).isEqualTo("C2 Compiler) x");
    }

    @Test
    void anUnreadableTruncatedOrGarbledStatCountsAsGone(@TempDir Path dir) throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (java) S 1 2");
        Path garbled = dir.resolve("garbled");
        Files.writeString(garbled, "4242 (java) S 1 4242 4242 0 -1 4194368 900 0 3 0 12x4 56 0");

        assertThat(ThreadCpu.ticks(stat, null)).isEqualTo(-1);
        assertThat(ThreadCpu.ticks(dir.resolve("missing"), null)).isEqualTo(-1);
        assertThat(ThreadCpu.ticks(garbled, null)).isEqualTo(-1);
    }

    @Test
    void groupsThreadsByTheirLinuxNames() {
        assertThat(ThreadCpu.groupOf("java")).startsWith("reading thread");
        assertThat(ThreadCpu.groupOf("mailtrace-index")).startsWith("indexing thread");
        assertThat(ThreadCpu.groupOf("GC Thread#1")).isEqualTo("garbage collector");
        assertThat(ThreadCpu.groupOf("C1 CompilerThre")).isEqualTo(ThreadCpu.groupOf("C2 CompilerThre"));
        assertThat(ThreadCpu.groupOf("Lucene Merge Th")).isNull();
        assertThat(ThreadCpu.groupOf("javac")).isNull();
    }

    @Test
    void samplesARunningProcessAndPutsWhatNoGroupHoldsUnderOther() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc on this system");
        long pid = ProcessHandle.current().pid();
        ThreadCpu cpu = new ThreadCpu(ChildProcess.clockTicksPerSecond());
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime()); // burn CPU so the totals move
        }
        cpu.sample(pid);

        Map<String, Double> seconds = cpu.seconds();
        assertThat(spin).isPositive();
        assertThat(seconds.get("all")).isGreaterThan(0.1);
        double parts = seconds.entrySet().stream().filter(e -> !e.getKey().equals("all"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(parts).isCloseTo(seconds.get("all"), org.assertj.core.data.Offset.offset(0.011));
        assertThat(seconds).containsKeys("garbage collector", "JIT compilers", ThreadCpu.OTHER);
    }
}
