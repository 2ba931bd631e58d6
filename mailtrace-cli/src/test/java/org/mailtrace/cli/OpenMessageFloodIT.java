package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an unauthenticated syslog sender streams cleanup {@code info: header Subject: <60 KB>}
 * lines for ever-new queue IDs, messages that never end. {@code serve} at {@code -Xmx256m} must keep
 * {@code /healthz} and a search answering while it comes and after a restart (which restores the
 * saved state), because the open messages are capped and their texts cut. Without the caps these
 * lines hold ~180 KB of heap each: the 3,000 sent here need 528 MiB (docs/benchmark.md). Prints the figures.
 */
class OpenMessageFloodIT {
    static final String PASSWORD = "flood-test-password-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int LINES = 3_000;
    static final int SUBJECT_CHARS = 60_000;
    static final int MAX_OPEN = 2_000;
    /** An answer slower than this counts as the server being down. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
    private int apiPort;
    private int tcp;

    @Test
    void aFloodOfMessagesThatNeverEndLeavesHealthzAndSearchesAnsweringAtASmallHeap() throws Exception {
        apiPort = freePort();
        tcp = freePort();
        Path out = tmp.resolve("serve.out");
        Process serve = start(out);
        try {
            awaitUp(out, serve);
            long t0 = System.nanoTime();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(this::flood);
            long slowest = 0;
            int probes = 0;
            while (!sent.isDone()) {
                slowest = Math.max(slowest, answers());
                probes++;
                Thread.sleep(500);
            }
            sent.get();
            long sentMs = (System.nanoTime() - t0) / 1_000_000;
            String metrics = awaitIngested(serve, out);
            long ingestedMs = (System.nanoTime() - t0) / 1_000_000;
            slowest = Math.max(slowest, answers());
            double evicted = metric(metrics, "mailtrace_correlator_evicted_cap_total");
            double cut = metric(metrics, "mailtrace_correlator_lines_cut_total");
            System.out.printf("[open-message flood] %,d lines of %,d-char subjects at -Xmx256m: %,.0f evicted by the cap,"
                    + " %,.0f cut; sent in %d ms, all ingested after %d ms; slowest /healthz + search: %d ms over %d probes%n",
                    LINES, SUBJECT_CHARS, evicted, cut, sentMs, ingestedMs, slowest, probes);
            assertThat(evicted).isGreaterThanOrEqualTo(LINES - MAX_OPEN);
            assertThat(cut).isEqualTo(LINES);
            assertThat(metric(metrics, "mailtrace_ingest_open_messages")).isLessThanOrEqualTo(MAX_OPEN);
            JsonNode rows = JSON.readTree(get("/api/v1/traces?limit=5").body()).get("rows");
            assertThat(rows).isNotEmpty();
            assertThat(rows.get(0).get("subject").asText()).hasSizeLessThanOrEqualTo(4096)
                    .endsWith("[...cut by mailtrace: " + SUBJECT_CHARS + " characters in the log]");
        } finally {
            stop(serve, out);
        }

        // A restart restores the saved open messages: still within the caps, so the server comes back.
        Process again = start(out);
        try {
            long t0 = System.nanoTime();
            awaitUp(out, again);
            long slowest = answers();
            System.out.printf("[open-message flood] restart with the saved state: up after %d ms, answers in %d ms%n",
                    (System.nanoTime() - t0) / 1_000_000, slowest);
        } finally {
            stop(again, out);
        }
    }

    private Process start(Path out) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data", tmp.resolve("data").toString(), "--listen", "127.0.0.1:" + apiPort,
                "--syslog-tcp", "127.0.0.1:" + tcp, "--accepted-domain", "example.test", "--retention-days", "0",
                "--max-open-messages", Integer.toString(MAX_OPEN)));
        pb.environment().put("MAILTRACE_ADMIN_PASSWORD", PASSWORD);
        Files.writeString(out, "");
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    }

    private void stop(Process serve, Path out) throws Exception {
        serve.destroy(); // SIGTERM: commits the state
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
        assertThat(serve.exitValue()).as(Files.readString(out)).isZero();
    }

    /** The hostile sender: one connection, newline framing, a new queue ID per line, never a "removed". */
    private void flood() {
        String subject = "s".repeat(SUBJECT_CHARS);
        try (Socket s = new Socket("127.0.0.1", tcp);
             OutputStream o = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
            for (int i = 0; i < LINES; i++) {
                String line = String.format("<22>Dec  2 10:%02d:%02d mx postfix/cleanup[4242]: %011X: info: header Subject: %s"
                        + " from unknown[192.0.2.7]; from=<x%d@remote.test> to=<bob@example.test> proto=ESMTP helo=<h>%n",
                        i / 3600 % 60, i / 60 % 60, 0x10000000L + i, subject, i);
                o.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            throw new IllegalStateException("flood: " + e.getMessage(), e);
        }
    }

    /** Asks /healthz and a search; fails unless both answer 200 in time; returns the slower one's milliseconds. */
    private long answers() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> health = get("/healthz");
        long healthMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        t0 = System.nanoTime();
        HttpResponse<String> search = get("/api/v1/traces?limit=10&recipient=bob@example.test");
        long searchMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        return Math.max(healthMs, searchMs);
    }

    private String awaitIngested(Process serve, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline && serve.isAlive()) {
            metrics = get("/metrics").body();
            // The correlator's counters reach /metrics at each commit: wait for the one after the last line.
            if (metric(metrics, "mailtrace_correlator_lines_cut_total") >= LINES) {
                return metrics;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not all " + LINES + " lines were ingested: " + metrics.lines()
                .filter(l -> l.startsWith("mailtrace_")).toList() + "\n" + Files.readString(out));
    }

    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        assertThat(values).as(name + " in /metrics").isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private void awaitUp(Path out, Process serve) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            if (Files.readString(out).contains("serve: receiving syslog")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(out));
    }

    private HttpResponse<String> get(String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
