package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * $MAILTRACE_CONFIG's {@code data} key is every command's default data directory (what the installed
 * launcher relies on), and explicit options still win. Runs the CLI as a child JVM to set its environment.
 */
class ConfigFileDefaultsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path data;
    int rows;

    @BeforeEach
    void ingest() throws Exception {
        data = tmp.resolve("data");
        CliRun r = CliRun.of("ingest", "--data", data.toString(), "--retention-days", "0", IngestAndSearchTest.LOG.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        CliRun all = CliRun.of("trace", "--data", data.toString(), "--output", "json");
        rows = JSON.readTree(all.out()).size();
        assertThat(rows).isPositive();
    }

    @Test
    void traceWithoutDataSearchesTheStoreNamedByTheConfigFile() throws Exception {
        Path conf = config("data = " + data);
        Child c = run(Map.of("MAILTRACE_CONFIG", conf.toString()), "trace", "--output", "json");
        assertThat(c.exit).as(c.output).isZero();
        assertThat(JSON.readTree(c.output).size()).isEqualTo(rows);
    }

    @Test
    void theConfigFileBeatsMailtraceDataAndDataBeatsBoth() throws Exception {
        Path conf = config("# the packaged store", "data = " + data);
        Path empty = tmp.resolve("empty");
        Child fromFile = run(Map.of("MAILTRACE_CONFIG", conf.toString(), "MAILTRACE_DATA", empty.toString()),
                "trace", "--output", "json");
        assertThat(fromFile.exit).as(fromFile.output).isZero();
        assertThat(JSON.readTree(fromFile.output).size()).isEqualTo(rows);

        Path elsewhere = config("data = " + empty);
        Child explicit = run(Map.of("MAILTRACE_CONFIG", elsewhere.toString()), "trace", "--data", data.toString(), "--output", "json");
        assertThat(explicit.exit).as(explicit.output).isZero();
        assertThat(JSON.readTree(explicit.output).size()).isEqualTo(rows);
    }

    @Test
    void userCommandsUseTheConfigFilesDataToo() throws Exception {
        Path conf = config("data = " + data);
        Child add = run(Map.of("MAILTRACE_CONFIG", conf.toString(), "MAILTRACE_PASSWORD", "a-long-enough-password"),
                "user", "add", "carol", "--role", "View-Only");
        assertThat(add.exit).as(add.output).isZero();
        assertThat(Files.readString(data.resolve("users.json"))).contains("\"carol\"");
    }

    @Test
    void anUnreadableConfigFileSaysWhatToDoButDoesNotBreakExplicitData() throws Exception {
        Map<String, String> env = Map.of("MAILTRACE_CONFIG", tmp.resolve("missing.conf").toString());
        Child trace = run(env, "trace");
        assertThat(trace.exit).isEqualTo(Main.USAGE);
        assertThat(trace.output).contains("MAILTRACE_CONFIG=" + tmp.resolve("missing.conf") + ": no such file; give --data DIR");

        Child explicit = run(env, "trace", "--data", data.toString(), "--output", "json");
        assertThat(explicit.exit).as(explicit.output).isZero();
        Child version = run(env, "--version");
        assertThat(version.exit).as(version.output).isZero();
    }

    @Test
    void theConfigFilesStoreKeyIsTheDefaultStoreAndBeatsMailtraceData() throws Exception {
        Path conf = config("store = lucene:" + data);
        Child trace = run(Map.of("MAILTRACE_CONFIG", conf.toString(), "MAILTRACE_DATA", tmp.resolve("empty").toString()),
                "trace", "--output", "json");
        assertThat(trace.exit).as(trace.output).isZero();
        assertThat(JSON.readTree(trace.output).size()).isEqualTo(rows);

        Path elsewhere = config("store = lucene:" + tmp.resolve("empty"));
        Child explicit = run(Map.of("MAILTRACE_CONFIG", elsewhere.toString()), "trace", "--data", data.toString(), "--output", "json");
        assertThat(explicit.exit).as(explicit.output).isZero();
        assertThat(JSON.readTree(explicit.output).size()).as("--data beats the file's store").isEqualTo(rows);
    }

    @Test
    void aConfigFileWithDataAndStoreIsRefusedButExplicitStoreNeedsNoReadableFile() throws Exception {
        Path both = config("data = " + data, "store = lucene:" + data);
        Child trace = run(Map.of("MAILTRACE_CONFIG", both.toString()), "trace");
        assertThat(trace.exit).isEqualTo(Main.USAGE);
        assertThat(trace.output).contains("both 'data' and 'store' are given; keep one");

        Child explicit = run(Map.of("MAILTRACE_CONFIG", tmp.resolve("missing.conf").toString()),
                "trace", "--store", "lucene:" + data, "--output", "json");
        assertThat(explicit.exit).as(explicit.output).isZero();
        assertThat(JSON.readTree(explicit.output).size()).isEqualTo(rows);
    }

    @Test
    void serveReadsTheConfigFileWhenNoConfigOptionIsGiven() throws Exception {
        Path conf = config("data = " + data, "listen = not-a-host-and-port");
        Child serve = run(Map.of("MAILTRACE_CONFIG", conf.toString()), "serve");
        assertThat(serve.exit).isEqualTo(Main.USAGE);
        assertThat(serve.output).contains("listen");
    }

    private Path config(String... lines) throws IOException {
        Path f = Files.createTempFile(tmp, "mailtrace", ".conf");
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    private record Child(int exit, String output) {
    }

    /** The CLI in a child JVM with only {@code env} of the mailtrace variables set; stdout and stderr merged. */
    private Child run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MAILTRACE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(p.exitValue(), out);
    }
}
