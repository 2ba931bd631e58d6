package org.mailtrace.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap after each collection, read from a unified JVM log written with {@code -Xlog:gc:file=...}:
 * {@code [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 612M->98M(1024M) 9.1ms}.
 * Heap after a collection is the live set plus what the collector left, the honest "is memory flat" signal.
 */
record GcLog(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s].*?GC\\(\\d+\\) (Pause [^0-9]*?)\\s*(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** One collection: seconds since JVM start, heap in MiB before and after, committed heap, whether it was a full one. */
    record Sample(double seconds, long beforeMiB, long afterMiB, long committedMiB, boolean full) {
    }

    static GcLog read(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    out.add(new Sample(Double.parseDouble(m.group(1)), Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), m.group(2).contains("Full")));
                }
            }
        }
        return new GcLog(out);
    }

    /** Heap after the last collection at or before {@code fraction} of the run (0..1), or -1 without one. */
    long afterAt(double fraction) {
        if (samples.isEmpty()) {
            return -1;
        }
        double end = samples.get(samples.size() - 1).seconds();
        double at = end * fraction;
        long v = samples.get(0).afterMiB();
        for (Sample s : samples) {
            if (s.seconds() > at) {
                break;
            }
            v = s.afterMiB();
        }
        return v;
    }

    /**
     * The highest heap after a full collection within {@code [from, to)} of the run (fractions), or -1
     * when none ran there. After a full collection the heap is the live set, so comparing the thirds
     * of a run shows whether memory stays flat as the log grows.
     */
    long liveSetMax(double from, double to) {
        if (samples.isEmpty()) {
            return -1;
        }
        double end = samples.get(samples.size() - 1).seconds();
        return samples.stream().filter(s -> s.full() && s.seconds() >= end * from && s.seconds() < end * to)
                .mapToLong(Sample::afterMiB).max().orElse(-1);
    }

    long fullCollections() {
        return samples.stream().filter(Sample::full).count();
    }

    long maxAfter() {
        return samples.stream().mapToLong(Sample::afterMiB).max().orElse(-1);
    }

    int collections() {
        return samples.size();
    }
}
