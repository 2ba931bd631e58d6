package org.mailtrace.store.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real OpenSearch server process for tests, on free loopback ports, laid out from the jars the
 * build copied to {@code target/opensearch} (profile {@code opensearch-node}): a home of its own
 * with {@code lib/}, {@code modules/}, {@code config/} and {@code data/}, deleted again on
 * {@link #close}. Either a single node ({@link #start}) or one member of an
 * {@link OpenSearchCluster}, which can {@link #kill} it and {@link #launch} it again on the same
 * data and ports. OpenSearch refuses to run as root, so as root the node runs as uid/gid 65534
 * through {@code setpriv}, which execs the JVM: the process this class holds is the JVM itself.
 */
public final class OpenSearchNode implements AutoCloseable {
    /** Long enough for a cold JVM on a busy 2-core machine; a warm start takes about 5 s. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int NOBODY = 65534;

    private final Path home;
    private final String name;
    private final URI url;
    private volatile Process process;

    private OpenSearchNode(Path home, String name, URI url) {
        this.home = home;
        this.name = name;
        this.url = url;
    }

    /** The node's HTTP endpoint, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return url;
    }

    /** The node's {@code node.name}. */
    public String name() {
        return name;
    }

    /** Where the node keeps everything, its output in {@code stdout.log}. */
    public Path home() {
        return home;
    }

    /**
     * Why the node cannot be started here, or null when it can: the jars are missing (the build ran
     * with -Dmailtrace.opensearch.skip, or offline before the first resolve) or the JVM is too new.
     */
    public static String unavailableReason(Path dist, String version) {
        if (!Files.isRegularFile(dist.resolve("lib").resolve("opensearch-" + version + ".jar"))) {
            return "OpenSearch " + version + " jars not found under " + dist + ": run `./mvnw -B -pl mailtrace-store-opensearch"
                    + " -am test` once with access to Maven Central (profile opensearch-node copies them), or drop"
                    + " -Dmailtrace.opensearch.skip";
        }
        if (Runtime.version().feature() >= 24) {
            return "OpenSearch " + version + " needs a Java with a security manager (17 to 23); this JVM is "
                    + Runtime.version() + ": run the tests on Java 17";
        }
        return null;
    }

    /** Lays out a single-node home from {@code dist} and starts it; returns once it is yellow or green. */
    public static OpenSearchNode start(Path dist) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("mailtrace-opensearch-");
        OpenSearchNode node = layOut(dist, home, "test-node", freePort(), freePort(), List.of("discovery.type: single-node"));
        try {
            node.launch();
            node.awaitHealth("wait_for_status=yellow");
            return node;
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /**
     * A node laid out in {@code home} (created), not started.
     *
     * @param discovery the opensearch.yml lines that say how it finds its cluster
     */
    static OpenSearchNode layOut(Path dist, Path home, String name, int httpPort, int transportPort, List<String> discovery)
            throws IOException {
        layout(dist, home, name, httpPort, transportPort, discovery);
        return new OpenSearchNode(home, name, URI.create("http://127.0.0.1:" + httpPort));
    }

    /** Starts the node's JVM on its home (again, after {@link #kill}), output appended to stdout.log. */
    void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("OpenSearch node " + name + " (pid " + process.pid() + ") is already running");
        }
        List<String> cmd = new ArrayList<>();
        boolean root = isRoot();
        if (root) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                "-Dopensearch.path.home=" + home, "-Dopensearch.path.conf=" + home.resolve("config"),
                "-Dopensearch.distribution.type=tar", "-Dopensearch.bundled_jdk=false",
                "-Djava.io.tmpdir=" + home.resolve("tmp"), "-Dlog4j2.disable.jmx=true",
                // Without it a SIGTERM waits ~30 s on a log4j AccessControlException in the shutdown hook.
                "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.selector.BasicContextSelector",
                "-Djava.locale.providers=SPI,COMPAT", "-Dio.netty.noUnsafe=true",
                "-Dio.netty.noKeySetOptimization=true", "-Dio.netty.recycler.maxCapacityPerThread=0",
                "-cp", home.resolve("lib") + "/*", "org.opensearch.bootstrap.OpenSearch"));
        if (root) {
            chownTree(home);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    }

    /**
     * Polls {@code /_cluster/health?QUERY} on this node until it answers 200 (the query's
     * {@code wait_for_*} conditions hold), failing early when the JVM exits.
     */
    void awaitHealth(String query) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/_cluster/health?" + query + "&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("OpenSearch node " + name + " in " + home + " is not running"
                        + (p == null ? "" : " (exited with " + p.exitValue() + ")") + " while waiting for " + query
                        + "; its output ends with:\n" + tail(log()));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("OpenSearch node " + name + " in " + home + " not at " + query + " after "
                + START_TIMEOUT + " at " + url + "; its output ends with:\n" + tail(log()));
    }

    /**
     * SIGKILLs the node's JVM (no shutdown hook, no flush: a crash) and waits until it is gone.
     * Checks first that the process is the JVM and not a wrapper that would leave the JVM running.
     */
    void kill() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("OpenSearch node " + name + " is not running; nothing to kill");
        }
        String command = p.info().command().orElse("");
        if (!command.isEmpty() && !command.endsWith("/java")) {
            throw new IllegalStateException("OpenSearch node " + name + ": pid " + p.pid() + " runs " + command
                    + ", not the JVM; killing it would leave the node running");
        }
        p.destroyForcibly();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("OpenSearch node " + name + " (pid " + p.pid() + ") still alive 30 s after SIGKILL");
        }
    }

    /** Whether the node's JVM runs. */
    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The node's JVM process id (of the running or the last process). */
    long pid() {
        return process.pid();
    }

    /** Stops the node (SIGTERM, then kill after 30 s) and deletes its home. */
    @Override
    public void close() {
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteTree(home);
    }

    private Path log() {
        return home.resolve("stdout.log");
    }

    private static void layout(Path dist, Path home, String name, int httpPort, int transportPort, List<String> discovery)
            throws IOException {
        for (String d : List.of("config", "data", "logs", "tmp", "plugins")) {
            Files.createDirectories(home.resolve(d));
        }
        // Copied, not linked: the node's user must read every file and every parent directory.
        copyTree(dist.resolve("lib"), home.resolve("lib"));
        copyTree(dist.resolve("modules"), home.resolve("modules"));
        Files.copy(dist.resolve("config").resolve("log4j2.properties"), home.resolve("config").resolve("log4j2.properties"));
        List<String> yml = new ArrayList<>(List.of(
                "cluster.name: mailtrace-test",
                "node.name: " + name,
                "path.data: " + home.resolve("data"),
                "path.logs: " + home.resolve("logs"),
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                // A test node on a shared disk: never turn read-only because the disk is 90% full.
                "cluster.routing.allocation.disk.threshold_enabled: false"));
        yml.addAll(discovery);
        yml.add("");
        Files.writeString(home.resolve("config").resolve("opensearch.yml"), String.join("\n", yml), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static void chownTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test node's home " + root + "; delete it by hand", e);
        }
    }
}
