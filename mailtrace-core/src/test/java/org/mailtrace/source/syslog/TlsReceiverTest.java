package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.source.syslog.StreamFramerTest.octets;
import static org.mailtrace.source.syslog.TcpReceiverTest.start;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsReceiverTest {
    @TempDir
    Path dir;
    private ListenerSettings settings;
    private SSLContext client;

    @BeforeEach
    void certificate() throws Exception {
        TestCertificates.selfSigned(dir);
        settings = ListenerSettings.tls("127.0.0.1", 0,
                TlsServerContext.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem")));
        client = TestCertificates.trusting(dir.resolve("cert.pem"));
    }

    @Test
    void receivesBothFramingsInsideTls() throws Exception {
        SyslogQueue queue = new SyslogQueue(10);
        try (SyslogReceiver receiver = start(queue, settings);
             SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), receiver.port())) {
            s.getOutputStream().write((octets("<22>1 2026-11-28T13:27:55Z mail postfix/smtpd 7 - - connect")
                    + "<22>Nov 28 13:27:56 mail postfix/smtpd[7]: disconnect\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();

            assertThat(queue.poll(Duration.ofSeconds(5)).text()).isEqualTo("<22>1 2026-11-28T13:27:55Z mail postfix/smtpd 7 - - connect");
            assertThat(queue.poll(Duration.ofSeconds(5)).text()).isEqualTo("<22>Nov 28 13:27:56 mail postfix/smtpd[7]: disconnect");
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(receiver.name()).startsWith("tls://127.0.0.1:");
        }
    }

    @Test
    void countsAPlainTextClientAsAFailedHandshakeAndKeepsListening() throws Exception {
        SyslogQueue queue = new SyslogQueue(10);
        try (SyslogReceiver receiver = start(queue, settings)) {
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
                plain.getOutputStream().write("<13>Nov 28 13:27:55 mail postfix/smtpd[7]: not encrypted\n".getBytes(StandardCharsets.UTF_8));
                Await.until("the handshake failure counted", Duration.ofSeconds(5), () -> receiver.counts().handshakeFailures() == 1);
            }
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), receiver.port())) {
                s.getOutputStream().write("<13>Nov 28 13:27:56 mail postfix/smtpd[7]: encrypted\n".getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();

                assertThat(queue.poll(Duration.ofSeconds(5)).text()).isEqualTo("<13>Nov 28 13:27:56 mail postfix/smtpd[7]: encrypted");
            }
            assertThat(receiver.counts().received()).isEqualTo(1);
        }
    }

    @Test
    void stopsWhileATlsClientIsConnectedAndIdle() throws Exception {
        SyslogReceiver receiver = start(new SyslogQueue(10), settings);
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), receiver.port());
        s.startHandshake();
        Await.until("the connection open", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 1);

        long started = System.nanoTime();
        receiver.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(receiver.counts().connectionsOpen()).isZero();
        s.close();
    }
}
