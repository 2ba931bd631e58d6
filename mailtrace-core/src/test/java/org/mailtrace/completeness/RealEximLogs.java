package org.mailtrace.completeness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every real Exim log the tests have: the recorded real-Exim end-to-end cases of this repository,
 * and Exim's own test-suite logs in {@code ../shared/data/exim/test-log/} when that folder is there
 * (public, GPL: read in place, never copied into the repository).
 */
public final class RealEximLogs {

    private RealEximLogs() {
    }

    /** The repository's own recorded Exim logs. */
    public static List<RealPostfixLogs.Log> ownLogs() throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>();
        Path dir = RealPostfixLogs.projectRoot().resolve("mailtrace-core/src/test/resources/golden/exim-e2e");
        for (Path p : files(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(".log") && !name.equals("all-cases.log")) {
                logs.add(new RealPostfixLogs.Log("exim-e2e/" + name, read(p)));
            }
        }
        return logs;
    }

    /** Exim's test-suite logs, or an empty list (with the reason on stderr) when they are missing. */
    public static List<RealPostfixLogs.Log> sharedLogs() throws IOException {
        String base = System.getProperty("mailtrace.shared.data");
        Path dir = base == null ? null : Path.of(base, "exim", "test-log");
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("search completeness: ../shared/data/exim/test-log not found (" + base
                    + "): only the repository's own Exim logs are checked");
            return List.of();
        }
        List<RealPostfixLogs.Log> logs = new ArrayList<>();
        for (Path p : files(dir)) {
            logs.add(new RealPostfixLogs.Log("exim-test-log/" + p.getFileName(), read(p)));
        }
        return logs;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> read(Path p) throws IOException {
        return List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\r?\n", -1));
    }
}
