package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtrace.server.ServerConfig;
import org.mailtrace.server.metrics.ServerMetrics;
import org.mailtrace.store.TraceStore;
import org.mailtrace.store.TraceStores;

/**
 * Live ingest tells {@code /healthz} when it stops (here: its store fails under it, as on a full
 * disk) and when the syslog queue is full, over a real TCP listener on loopback.
 */
class LiveIngestHealthTest {
    @TempDir
    Path tmp;

    @Test
    void reportsAStoppedIngestAndAFullQueue() throws Exception {
        Path followed = tmp.resolve("mail.log");
        Files.writeString(followed, "");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ServerConfig cfg = ServerConfig.parse(Map.of("data", List.of(tmp.resolve("data").toString()),
                "follow", List.of(followed.toString()), "syslog-tcp", List.of("127.0.0.1:" + port),
                "accepted-domain", List.of("example.test")));
        TraceStore store = TraceStores.open("lucene", cfg.data(), false);
        StringWriter err = new StringWriter();
        try (LiveIngest live = LiveIngest.start(cfg, store, new ServerMetrics(), null, new PrintWriter(err, true), 5)) {
            assertThat(live.problems()).isEmpty();
            store.close(); // the store fails under live ingest, as it does when the disk is full
            String line = "Nov 28 13:27:55 mail postfix/qmgr[1]: 4ABC123: from=<a@example.test>, size=1, nrcpt=1 (queue active)\n";
            Files.writeString(followed, line);
            await(() -> !live.problems().isEmpty());
            assertThat(live.problems().get(0)).startsWith("live ingest stopped");

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < 10; i++) {
                    out.write(("<22>" + line).getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                await(() -> live.problems().size() == 2);
                assertThat(live.problems().get(1)).startsWith("syslog queue full (5 lines)");
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
