package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.source.syslog.StreamFramerTest.octets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TcpReceiverTest {

    @Test
    void deliversOctetCountedAndNewlineFramedMessagesFromOneConnection() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0));
             Socket client = connect(receiver)) {
            write(client, octets("<22>1 2026-11-28T13:27:55Z mail postfix/smtpd 1 - - connect") + "<22>Nov 28 13:27:55 mail postfix/smtpd[1]: lost\n");

            ReceivedLine first = queue.poll(Duration.ofSeconds(5));
            ReceivedLine second = queue.poll(Duration.ofSeconds(5));

            assertThat(first.text()).isEqualTo("<22>1 2026-11-28T13:27:55Z mail postfix/smtpd 1 - - connect");
            assertThat(second.text()).isEqualTo("<22>Nov 28 13:27:55 mail postfix/smtpd[1]: lost");
            assertThat(second.sequence()).isEqualTo(2);
            assertThat(first.peer().getPort()).isEqualTo(client.getLocalPort());
            assertThat(first.where()).isEqualTo("tcp://127.0.0.1:" + receiver.port() + " from 127.0.0.1:" + client.getLocalPort() + " #1");
        }
    }

    @Test
    void keepsEachConnectionsOrderAcrossManyConcurrentConnections() throws Exception {
        int connections = 25;
        int perConnection = 200;
        SyslogQueue queue = new SyslogQueue(64);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0))) {
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    try (Socket s = connect(receiver)) {
                        StringBuilder wire = new StringBuilder();
                        for (int i = 0; i < perConnection; i++) {
                            String m = "<13>c" + id + " m" + i;
                            wire.append(id % 2 == 0 ? octets(m) : m + "\n");
                        }
                        write(s, wire.toString());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                t.start();
                senders.add(t);
            }
            Map<String, Integer> nextByConnection = new HashMap<>();
            for (int n = 0; n < connections * perConnection; n++) {
                ReceivedLine line = queue.poll(Duration.ofSeconds(10));
                assertThat(line).as("message %d of %d", n, connections * perConnection).isNotNull();
                String[] parts = line.text().substring(4).split(" m");
                int expected = nextByConnection.getOrDefault(parts[0], 0);
                assertThat(Integer.parseInt(parts[1])).as(parts[0]).isEqualTo(expected);
                nextByConnection.put(parts[0], expected + 1);
            }
            for (Thread t : senders) {
                t.join();
            }
            assertThat(nextByConnection).hasSize(connections).allSatisfy((k, v) -> assertThat(v).isEqualTo(perConnection));
            assertThat(receiver.counts().connectionsTotal()).isEqualTo(connections);
        }
    }

    @Test
    void blocksTheSenderWhileTheQueueIsFullAndLosesNothing() throws Exception {
        int total = 20_000;
        SyslogQueue queue = new SyslogQueue(10);
        ListenerSettings settings = ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0).withReceiveBufferBytes(4096);
        try (SyslogReceiver receiver = start(queue, settings); Socket client = connect(receiver)) {
            client.setSendBufferSize(4096);
            AtomicInteger written = new AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int i = 1; i <= total; i++) {
                        out.write(octets(message(i)).getBytes(StandardCharsets.UTF_8));
                        written.set(i);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            sender.start();

            Await.until("the queue to fill", Duration.ofSeconds(5), () -> queue.size() == queue.capacity());
            int stalledAt = stalledProgress(written);
            assertThat(stalledAt).as("the sender is held back by TCP backpressure").isLessThan(total);
            assertThat(receiver.counts().droppedQueueFull()).isZero();

            for (int i = 1; i <= total; i++) {
                ReceivedLine line = queue.poll(Duration.ofSeconds(10));
                assertThat(line).as("message %d", i).isNotNull();
                assertThat(line.text()).isEqualTo(message(i));
                assertThat(line.sequence()).isEqualTo(i);
            }
            sender.join(10_000);
            assertThat(written.get()).isEqualTo(total);
            assertThat(receiver.counts().received()).isEqualTo(total);
        }
    }

    @Test
    void deliversEverythingSentBeforeTheClientHalfClosed() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0));
             Socket client = connect(receiver)) {
            write(client, "<13>one\n" + octets("<13>two") + "<13>three without newline");
            client.shutdownOutput();

            assertThat(drain(queue, 3)).containsExactly("<13>one", "<13>two", "<13>three without newline");
            Await.until("the connection closed", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 0);
            assertThat(client.getInputStream().read()).as("the receiver closed its side").isEqualTo(-1);
        }
    }

    @Test
    void keepsCompleteFramesWhenTheClientResetsTheConnection() throws Exception {
        SyslogQueue queue = new SyslogQueue(100);
        try (SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0))) {
            Socket client = connect(receiver);
            write(client, octets("<13>one") + octets("<13>two") + "80 <13>half a fra");
            Thread.sleep(200);
            client.setSoLinger(true, 0); // close with RST
            client.close();

            assertThat(drain(queue, 2)).containsExactly("<13>one", "<13>two");
            Await.until("the connection closed", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 0);
            assertThat(queue.poll(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void stopsWhileClientsAreConnectedAndOneIsBlockedOnAFullQueue() throws Exception {
        SyslogQueue queue = new SyslogQueue(1);
        SyslogReceiver receiver = start(queue, ListenerSettings.of(SyslogTransport.TCP, "127.0.0.1", 0));
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idle.add(connect(receiver));
        }
        Socket busy = connect(receiver);
        write(busy, "<13>a\n<13>b\n<13>c\n");
        Await.until("six connections open", Duration.ofSeconds(5), () -> receiver.counts().connectionsOpen() == 6);
        Await.until("the queue full", Duration.ofSeconds(5), () -> queue.size() == 1);

        long started = System.nanoTime();
        receiver.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(receiver.counts().connectionsOpen()).isZero();
        for (Socket s : idle) {
            s.setSoTimeout(2000);
            assertThat(readEndOrReset(s.getInputStream())).isTrue();
            s.close();
        }
        busy.close();
        receiver.stop(); // a second stop is harmless
    }

    private static boolean readEndOrReset(InputStream in) {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Waits until the sender makes no progress for half a second, and returns where it stopped. */
    private static int stalledProgress(AtomicInteger written) throws InterruptedException {
        int before = -1;
        int now = written.get();
        while (now != before) {
            before = now;
            Thread.sleep(500);
            now = written.get();
        }
        return now;
    }

    private static String message(int i) {
        return "<22>1 2026-11-28T13:27:55.000Z mail postfix/smtpd 17627 - - " + i + ": client=unknown[127.0.0.1] "
                + "padding to make the frame longer than a few bytes";
    }

    private static List<String> drain(SyslogQueue queue, int n) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReceivedLine line = queue.poll(Duration.ofSeconds(5));
            assertThat(line).as("line %d of %d", i + 1, n).isNotNull();
            texts.add(line.text());
        }
        return texts;
    }

    static SyslogReceiver start(SyslogSink sink, ListenerSettings settings) throws IOException {
        SyslogReceiver receiver = SyslogReceiver.create(settings, sink);
        receiver.start();
        return receiver;
    }

    private static Socket connect(SyslogReceiver receiver) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), receiver.port());
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }
}
