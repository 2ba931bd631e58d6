package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slow headers (slowloris) are cut off at header-timeout, however steadily the bytes trickle in. */
class HeaderTimeoutTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(Map.of("rate-limit", List.of("0"), "header-timeout", List.of("1s")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aRequestWhoseHeadersTrickleInIsClosedAfterTheHeaderTimeout() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            boolean closed = false;
            // One header byte every 200 ms keeps Jetty's idle timeout from firing; bounded to 8 s.
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException reset) {
                    closed = true;
                    break;
                }
                closed = closedByServer(s.getInputStream());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(closed).as("closed by the server").isTrue();
            assertThat(seconds).isBetween(0.9, 4.0);
        }
    }

    @Test
    void aPromptRequestOnAKeptAliveConnectionIsAnswered() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
            s.setSoTimeout(5000);
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = readHead(s.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 200");
                Thread.sleep(1500); // idle between requests is not a slow header
            }
        }
    }

    /** Waits up to the socket timeout: true at end of stream or reset, false while still open. */
    private static boolean closedByServer(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The status line and headers, then the body by Content-Length. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) c);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return head.toString();
    }
}
