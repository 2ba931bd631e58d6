package org.mailtrace.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed golden files of one directory: {@code <case>.log} (the mail server's own lines for
 * the case) and {@code <case>.expect.json} (the rows the product must make of them).
 */
final class Fixtures {

    static final String COMBINED_LOG = "all-cases.log";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    Fixtures(Path dir) {
        this.dir = dir;
    }

    Path log(String caseName) {
        return dir.resolve(caseName + ".log");
    }

    Path expectation(String caseName) {
        return dir.resolve(caseName + ".expect.json");
    }

    void writeLog(String caseName, String log) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(log(caseName), log, StandardCharsets.UTF_8);
    }

    void writeCombinedLog(String log) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(COMBINED_LOG), log, StandardCharsets.UTF_8);
    }

    void writeExpectation(String caseName, List<ExpectedRow> rows) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(expectation(caseName), JSON.writeValueAsString(rows) + "\n", StandardCharsets.UTF_8);
    }

    List<ExpectedRow> readExpectation(String caseName) throws IOException {
        return JSON.readValue(expectation(caseName).toFile(), new TypeReference<List<ExpectedRow>>() { });
    }
}
