package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.source.syslog.TcpReceiverTest.start;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or dead peers cannot pile up connection threads: TCP and TLS listeners cap open
 * connections (the next is closed at once and counted) and close connections that stay silent.
 */
class StreamConnectionLimitsTest {
    @TempDir
    Path dir;

    @Test
    void closesConnectionsBeyondTheCapAndCountsThem() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        ListenerSettings settings = ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0)
                .withConnectionLimits(3, Duration.ofMinutes(1));
        List<Socket> open = new ArrayList<>();
        try (SyslogReceiver receiver = start(queue, settings)) {
            for (int i = 0; i < 3; i++) {
                open.add(connect(receiver));
            }
            Await.until("three connections open", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 3);
            for (int i = 0; i < 5; i++) {
                try (Socket extra = connect(receiver)) {
                    extra.setSoTimeout(5000);
                    assertThat(endOrReset(extra.getInputStream())).as("connection %d over the cap is closed", i + 1).isTrue();
                }
            }
            assertThat(receiver.counts().connectionsRefused()).isEqualTo(5);
            assertThat(receiver.counts().connectionsOpen()).isEqualTo(3);

            open.remove(0).close();
            Await.until("a slot freed", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 2);
            try (Socket next = connect(receiver)) {
                next.getOutputStream().write("<13>Nov 28 13:27:55 mail postfix/qmgr[1]: after the cap\n".getBytes(StandardCharsets.UTF_8));
                assertThat(queue.poll(Duration.ofSeconds(5)).text()).endsWith("after the cap");
            }
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void closesATcpConnectionThatSendsNothingForTheIdleTimeout() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        ListenerSettings settings = ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0)
                .withConnectionLimits(10, Duration.ofMillis(300));
        try (SyslogReceiver receiver = start(queue, settings); Socket client = connect(receiver)) {
            client.getOutputStream().write("<13>Nov 28 13:27:55 mail postfix/qmgr[1]: one line\n".getBytes(StandardCharsets.UTF_8));
            assertThat(queue.poll(Duration.ofSeconds(5)).text()).endsWith("one line");
            client.setSoTimeout(5000);
            long started = System.nanoTime();
            assertThat(endOrReset(client.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            Await.until("the idle close counted", Duration.ofSeconds(5), () -> receiver.counts().idleClosed() == 1);
            assertThat(receiver.counts().connectionsOpen()).isZero();
        }
    }

    @Test
    void closesAnIdleTlsConnectionAfterTheHandshake() throws Exception {
        TestCertificates.selfSigned(dir);
        ListenerSettings settings = ListenerSettings.tls("127.0.0.1", 0,
                        TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem")))
                .withConnectionLimits(10, Duration.ofMillis(300));
        try (SyslogReceiver receiver = start(new SyslogQueue(10), settings);
             SSLSocket s = (SSLSocket) TestCertificates.trusting(dir.resolve("cert.pem")).getSocketFactory()
                     .createSocket(InetAddress.getLoopbackAddress(), receiver.port())) {
            s.startHandshake();
            s.setSoTimeout(5000);
            assertThat(endOrReset(s.getInputStream())).isTrue();
            Await.until("the idle close counted", Duration.ofSeconds(5), () -> receiver.counts().idleClosed() == 1);
            assertThat(receiver.counts().connectionsOpen()).isZero();
        }
    }

    @Test
    void refusesSettingsWithoutRoomForAConnection() {
        ListenerSettings tcp = ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tcp.withConnectionLimits(0, Duration.ofMinutes(1)))
                .hasMessageContaining("max connections");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tcp.withConnectionLimits(1, Duration.ZERO))
                .hasMessageContaining("idle timeout");
    }

    /** True when the peer closed (end of stream, or a reset); a read timeout is a failure. */
    private static boolean endOrReset(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static Socket connect(SyslogReceiver receiver) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), receiver.port());
    }
}
