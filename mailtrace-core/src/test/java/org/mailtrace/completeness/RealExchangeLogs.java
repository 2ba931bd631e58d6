package org.mailtrace.completeness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Exchange message tracking logs the tests have: the hand-written golden cases (no Exchange
 * server runs here), each case's files (every server's) one after the other as one log.
 */
public final class RealExchangeLogs {

    private RealExchangeLogs() {
    }

    public static List<RealPostfixLogs.Log> ownLogs() throws IOException {
        List<RealPostfixLogs.Log> logs = new ArrayList<>();
        for (String set : List.of("exchange", "exchange-robustness")) {
            Path dir = RealPostfixLogs.projectRoot().resolve("mailtrace-core/src/test/resources/golden").resolve(set);
            try (Stream<Path> cases = Files.list(dir)) {
                for (Path c : cases.filter(Files::isDirectory).sorted().toList()) {
                    logs.add(new RealPostfixLogs.Log(set + "/" + c.getFileName(), concatenated(c)));
                }
            }
        }
        return logs;
    }

    /** Every file under {@code dir} in path order, its lines one after the other. */
    public static List<String> concatenated(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                for (String l : text.split("\r?\n")) {
                    lines.add(l);
                }
            }
        }
        return lines;
    }
}
