package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpReceiverTest {
    private static final String LINE = "<22>Nov 28 13:27:55 mail postfix/smtpd[17627]: connect from unknown[127.0.0.1]";

    @Test
    void deliversEachDatagramAsOneLineWithoutItsTrailingNewline() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.UDP, "127.0.0.1", 0));
             DatagramSocket client = new DatagramSocket()) {
            send(client, receiver.port(), LINE + "\n");
            send(client, receiver.port(), "<13>1 2026-11-28T13:27:55Z mail postfix/qmgr 9 - - removed\r\n");

            ReceivedLine first = queue.poll(Duration.ofSeconds(5));
            ReceivedLine second = queue.poll(Duration.ofSeconds(5));

            assertThat(first.text()).isEqualTo(LINE);
            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.listener()).isEqualTo("udp://127.0.0.1:" + receiver.port());
            assertThat(first.peer().getPort()).isEqualTo(client.getLocalPort());
            assertThat(second.text()).isEqualTo("<13>1 2026-11-28T13:27:55Z mail postfix/qmgr 9 - - removed");
            assertThat(second.sequence()).isEqualTo(2);
        }
    }

    @Test
    void dropsAndCountsWhatDoesNotFitWhenTheQueueIsFull() throws Exception {
        SyslogQueue queue = new SyslogQueue(5);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.UDP, "127.0.0.1", 0));
             DatagramSocket client = new DatagramSocket()) {
            for (int i = 1; i <= 50; i++) {
                send(client, receiver.port(), "<13>message " + i);
            }
            Await.until("50 datagrams received", Duration.ofSeconds(5), () -> receiver.counts().received() == 50);

            ListenerCounts counts = receiver.counts();
            assertThat(counts.droppedQueueFull()).isEqualTo(45);
            assertThat(counts.delivered()).isEqualTo(5);
            List<ReceivedLine> kept = new ArrayList<>();
            queue.drainTo(kept, 100);
            assertThat(kept).extracting(ReceivedLine::text)
                    .containsExactly("<13>message 1", "<13>message 2", "<13>message 3", "<13>message 4", "<13>message 5");
        }
    }

    @Test
    void countsEmptyDatagramsAsBadAndCutsOversizeOnes() throws Exception {
        SyslogQueue queue = new SyslogQueue(10);
        ListenerSettings settings = ListenerSettings.of(SyslogTransport.UDP, "127.0.0.1", 0).withMaxMessageBytes(20);
        try (SyslogReceiver receiver = start(queue, settings); DatagramSocket client = new DatagramSocket()) {
            send(client, receiver.port(), "\n");
            send(client, receiver.port(), "<13>" + "x".repeat(100));

            ReceivedLine cut = queue.poll(Duration.ofSeconds(5));

            assertThat(cut.text()).isEqualTo("<13>" + "x".repeat(16));
            assertThat(cut.truncated()).isTrue();
            Await.until("the empty datagram counted", Duration.ofSeconds(5), () -> receiver.counts().badFrames() == 1);
            assertThat(receiver.counts().truncated()).isEqualTo(1);
            assertThat(receiver.counts().received()).isEqualTo(1);
        }
    }

    @Test
    void stopsPromptlyAndFreesThePort() throws Exception {
        SyslogReceiver receiver = start(new SyslogQueue(1), ListenerSettings.of(SyslogTransport.UDP, "127.0.0.1", 0));
        int port = receiver.port();

        receiver.stop();

        try (DatagramSocket again = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static SyslogReceiver start(SyslogSink sink, ListenerSettings settings) throws IOException {
        SyslogReceiver receiver = SyslogReceiver.create(settings, sink);
        receiver.start();
        return receiver;
    }

    private static void send(DatagramSocket client, int port, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }
}
