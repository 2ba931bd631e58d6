package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with live sources, as a real process: lines appended to a followed file and lines
 * sent over syslog TCP and UDP become searchable through the REST API, the metrics count them, and
 * SIGTERM commits and exits 0. Prints the observed time from line written to row searchable.
 */
class ServeLiveIT {
    static final Path LOG = Path.of("../mailtrace-core/src/test/resources/golden/postfix-e2e/all-cases.log");
    static final String PASSWORD = "live-test-password-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private int apiPort;

    @Test
    void followedFileAndSyslogLinesBecomeSearchableAndSigtermCommits() throws Exception {
        List<String> lines = Files.readAllLines(LOG);
        Path followed = tmp.resolve("mail.log");
        Files.writeString(followed, "");
        apiPort = freePort();
        int tcp = freePort();
        int udp = freePort();
        Path out = tmp.resolve("serve.out");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data", tmp.resolve("data").toString(), "--listen", "127.0.0.1:" + apiPort,
                "--follow", followed.toString(), "--syslog-tcp", "127.0.0.1:" + tcp,
                "--syslog-udp", "127.0.0.1:" + udp, "--accepted-domain", "example.test",
                "--trusted-network", "127.0.0.2/32", "--retention-days", "0",
                // The test polls every 50 ms as one user: on a slow machine that passes the default
                // 100 requests per 5 minutes (429), as it did in SharedReportJobsAcrossServersIT.
                "--rate-limit", "0"));
        pb.environment().put("MAILTRACE_ADMIN_PASSWORD", PASSWORD);
        Process serve = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            awaitUp(out);
            // 1. A followed file: the first third of the log, appended as Postfix would.
            int third = lines.size() / 3;
            long t0 = System.nanoTime();
            Files.writeString(followed, String.join("\n", lines.subList(0, third)) + "\n", StandardOpenOption.APPEND);
            await(rows -> rows.size() > 0, "rows from the followed file");
            System.out.printf("[serve live] followed file: searchable after %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            // 2. Syslog over TCP (newline framing) for the second third.
            int before = rows().size();
            t0 = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", tcp); OutputStream o = s.getOutputStream()) {
                for (String line : lines.subList(third, 2 * third)) {
                    o.write(("<22>" + line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            await(rows -> rows.size() > before, "rows from syslog TCP");
            System.out.printf("[serve live] syslog TCP: searchable after %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            // 3. Syslog over UDP for the rest, one datagram per line.
            int beforeUdp = rows().size();
            t0 = System.nanoTime();
            try (DatagramSocket d = new DatagramSocket()) {
                for (String line : lines.subList(2 * third, lines.size())) {
                    byte[] b = ("<22>" + line).getBytes(StandardCharsets.UTF_8);
                    d.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), udp));
                    Thread.sleep(1); // loopback UDP is lossy only when the receiver's buffer overflows
                }
            }
            await(rows -> rows.size() > beforeUdp, "rows from syslog UDP");
            System.out.printf("[serve live] syslog UDP: searchable after %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            String metrics = get("/metrics").body();
            assertThat(metrics).contains("mailtrace_ingest_lines_total " + (double) lines.size());
            assertThat(metrics).contains("mailtrace_syslog_received_total{listener=\"tcp://127.0.0.1:" + tcp + "\"} " + (double) third);
            assertThat(metrics).contains("mailtrace_syslog_connections_refused_total{listener=\"tcp://127.0.0.1:" + tcp + "\"} 0.0")
                    .contains("mailtrace_syslog_connections_idle_closed_total{listener=\"tcp://127.0.0.1:" + tcp + "\"}");
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
        } finally {
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
        }
        assertThat(serve.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("serve: stopped");

        // Everything the live run saw is committed: a plain search over the store finds every row
        // an offline ingest of the same lines gives.
        CliRun offline = CliRun.of("ingest", "--data", tmp.resolve("offline").toString(), "--accepted-domain",
                "example.test", "--trusted-network", "127.0.0.2/32", "--retention-days", "0", LOG.toString());
        assertThat(offline.exit()).isZero();
        JsonNode live = JSON.readTree(CliRun.of("trace", "--data", tmp.resolve("data").toString(), "--output", "json",
                "--limit", "100000").out());
        JsonNode expected = JSON.readTree(CliRun.of("trace", "--data", tmp.resolve("offline").toString(), "--output",
                "json", "--limit", "100000").out());
        assertThat(live.size()).isEqualTo(expected.size());
    }

    private void awaitUp(Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("serve: following")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(out));
    }

    private void await(Predicate<JsonNode> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(rows())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private JsonNode rows() throws Exception {
        HttpResponse<String> r = get("/api/v1/traces?limit=5000");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("rows");
    }

    private HttpResponse<String> get(String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
