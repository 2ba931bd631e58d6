package org.mailtrace.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the CLI in a separate JVM with the test class path, so a test can kill it like a real process. */
final class ChildCli {
    private static final Pattern LISTENING = Pattern.compile("serve: listening on (http://127\\.0\\.0\\.1:\\d+)");

    private ChildCli() {
    }

    /** Starts {@code mailtrace ARGS...}; stdout and stderr go to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        File out = log.toFile();
        return new ProcessBuilder(command("-Xmx512m", args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out)).start();
    }

    /**
     * Starts {@code mailtrace ARGS...} as one of several processes sharing one network store: in
     * {@code dir}, stdout and stderr replacing {@code out}, a 384 MB heap (two servers and a node share
     * the machine), and configured only by its environment: this JVM's {@code MAILTRACE_DATA} and
     * {@code MAILTRACE_CONFIG} dropped, {@code MAILTRACE_STORE_INDEX_PREFIX} set to the test's own
     * indices, then {@code env}.
     */
    static Process startOnSharedStore(Path dir, Path out, String indexPrefix, Map<String, String> env, String... args)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command("-Xmx384m", args)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("MAILTRACE_DATA");
        pb.environment().remove("MAILTRACE_CONFIG");
        pb.environment().put("MAILTRACE_STORE_INDEX_PREFIX", indexPrefix);
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * The URL a {@code serve} child prints once it listens on loopback. Fails with everything it wrote
     * if it exits first or is not listening within 90 seconds.
     */
    static String awaitListening(Process serve, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return m.group(1);
            }
            if (!serve.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(out));
    }

    private static List<String> command(String heap, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
