package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopbackSmtpPeerTest {

    private LoopbackSmtpPeer peer;

    @BeforeEach
    void startPeer() {
        peer = LoopbackSmtpPeer.start(0, "peer.remote.test");
    }

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    @Test
    void answersEachRecipientByItsLocalPart() throws IOException {
        try (SmtpClient client = SmtpClient.connect(peer.port())) {
            assertThat(client.command("EHLO client.test")).startsWith("250-peer.remote.test").doesNotContain("PIPELINING");
            assertThat(client.command("MAIL FROM:<a@client.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<ok-one@remote.test>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<reject-two@remote.test>")).startsWith("550 5.1.1 ");
            assertThat(client.command("RCPT TO:<defer-three@remote.test>")).startsWith("451 4.3.0 ");
            assertThat(client.command("RCPT TO:<stranger@remote.test>")).startsWith("550 5.1.1 ");
        }
    }

    @Test
    void defersALaterAddressOnlyTheFirstTime() throws IOException {
        try (SmtpClient client = SmtpClient.connect(peer.port())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@client.test>");
            assertThat(client.command("RCPT TO:<later-one@remote.test>")).startsWith("451 4.3.0 ");
            assertThat(client.command("RCPT TO:<later-two@remote.test>")).startsWith("451 4.3.0 ");
            assertThat(client.command("RCPT TO:<Later-One@remote.test>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<later-one@remote.test>")).startsWith("250 ");
        }
    }

    @Test
    void queuesAcceptedRecipientsOnlyAndNamesAQueueId() throws IOException {
        String reply;
        try (SmtpClient client = SmtpClient.connect(peer.port())) {
            reply = client.send("client.test", new SmtpMessage("a@client.test",
                    List.of("ok-one@remote.test", "reject-two@remote.test", "OK-three@remote.test"),
                    "Subject: hi\r\n\r\nbody\r\n"));
        }
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as PEER\\d{4}");
        assertThat(peer.accepted()).singleElement().satisfies(message -> {
            assertThat(message.sender()).isEqualTo("a@client.test");
            assertThat(message.recipients()).containsExactly("ok-one@remote.test", "OK-three@remote.test");
        });
    }

    @Test
    void undoesDotStuffingOfRawDataLines() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220 peer.remote.test");
            assertThat(exchange(in, out, "HELO client.test")).isEqualTo("250 peer.remote.test");
            assertThat(exchange(in, out, "MAIL FROM:<>")).startsWith("250");
            assertThat(exchange(in, out, "RCPT TO:<ok@remote.test>")).startsWith("250");
            assertThat(exchange(in, out, "DATA")).startsWith("354");
            assertThat(exchange(in, out, "Subject: dots\r\n\r\n..leading dot\r\n...\r\nlast\r\n.")).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(exchange(in, out, "QUIT")).startsWith("221");
        }
        assertThat(peer.accepted()).singleElement().satisfies(message -> {
            assertThat(message.sender()).isEmpty();
            assertThat(message.content()).isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..\r\nlast\r\n");
        });
    }

    @Test
    void refusesDataWithoutAcceptedRecipients() throws IOException {
        try (SmtpClient client = SmtpClient.connect(peer.port())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@client.test>");
            client.command("RCPT TO:<reject@remote.test>");
            assertThat(client.command("DATA")).startsWith("554 ");
            assertThat(client.command("FOO")).startsWith("502 ");
        }
        assertThat(peer.accepted()).isEmpty();
    }

    private static String exchange(BufferedReader in, OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }
}
