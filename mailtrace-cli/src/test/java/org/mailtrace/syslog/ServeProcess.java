package org.mailtrace.syslog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.cli.Main;

/**
 * {@code mailtrace serve} as a child JVM, the way an operator runs it: its own data directory, the
 * REST API on a free loopback port, and the syslog listener options it is given. Searches go through
 * {@code /api/v1/traces} as the first-start admin; counters come from {@code /metrics}.
 */
final class ServeProcess implements AutoCloseable {
    static final String PASSWORD = "syslog-ng-test-password-1";
    /** The options both {@code serve} and the reference {@code ingest} run with. */
    static final List<String> CORRELATION = List.of("--accepted-domain", "example.test",
            "--trusted-network", "127.0.0.2/32", "--retention-days", "0");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path out;
    private final int apiPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess(String name, Path out, int apiPort, Process process) {
        this.name = name;
        this.out = out;
        this.apiPort = apiPort;
        this.process = process;
    }

    /** Starts serve in {@code dir} with {@code listenerOptions} (e.g. {@code --syslog-udp 127.0.0.1:5514}); does not wait. */
    static ServeProcess start(String name, Path dir, List<String> listenerOptions) throws IOException {
        int apiPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data", dir.resolve("data").toString(), "--listen", "127.0.0.1:" + apiPort));
        command.addAll(listenerOptions);
        command.addAll(CORRELATION);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("MAILTRACE_ADMIN_PASSWORD", PASSWORD);
        Files.createDirectories(dir);
        Path out = dir.resolve("serve.out");
        return new ServeProcess(name, out, apiPort, pb.redirectErrorStream(true).redirectOutput(out.toFile()).start());
    }

    /** Waits until serve says its syslog listener is bound (it starts the API first, then live ingest). */
    void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + ": serve exited with " + process.exitValue() + "\n" + output());
            }
            if (output().contains("serve: receiving syslog on")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(name + ": serve did not start in " + timeout + "\n" + output());
    }

    /** Every row the API finds now (at most 5000, far more than the test makes). */
    List<JsonNode> rows() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/traces?limit=5000");
        if (r.statusCode() != 200) {
            throw new IOException(name + ": GET /api/v1/traces answered " + r.statusCode() + ": " + r.body());
        }
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(r.body()).get("rows").forEach(rows::add);
        return rows;
    }

    /** Sum of a Prometheus counter's samples whose labels contain {@code labelPart} ("" for any). */
    double metric(String metric, String labelPart) throws IOException, InterruptedException {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(get("/metrics").body());
        double sum = 0;
        while (m.find()) {
            if (m.group(1) == null ? labelPart.isEmpty() : m.group(1).contains(labelPart)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /** serve's console output, for assertion messages. */
    String output() throws IOException {
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM, as systemd would stop it; serve commits and exits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
