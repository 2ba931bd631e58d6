package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BeforeQueueProxyFilterTest {

    private LoopbackSmtpPeer backend;
    private BeforeQueueProxyFilter filter;

    @BeforeEach
    void start() {
        backend = LoopbackSmtpPeer.start(0, "after-filter.example.test");
        filter = BeforeQueueProxyFilter.start(0, backend.port());
    }

    @AfterEach
    void stop() {
        filter.close();
        backend.close();
    }

    @Test
    void relaysEveryCommandAndReplyOfTheBackEnd() throws IOException {
        try (SmtpClient client = SmtpClient.connect(filter.port())) {
            assertThat(client.command("EHLO mail.example.test")).startsWith("250-after-filter.example.test");
            assertThat(client.command("XFORWARD ADDR=127.0.0.3")).startsWith("502 ");
            assertThat(client.command("MAIL FROM:<a@client.test>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<reject-one@remote.test>")).startsWith("550 5.1.1 ");
        }
    }

    @Test
    void passesTheMessageThroughUnchangedAndRepeatsTheBackEndsQueueId() throws IOException {
        String reply;
        try (SmtpClient client = SmtpClient.connect(filter.port())) {
            reply = client.send("mail.example.test", new SmtpMessage("a@client.test",
                    List.of("ok-one@remote.test"), "Subject: hi\r\n\r\n.leading dot\r\nbody\r\n"));
        }

        assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as PEER0001");
        assertThat(backend.accepted()).singleElement().satisfies(message -> {
            assertThat(message.recipients()).containsExactly("ok-one@remote.test");
            assertThat(message.content()).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n");
        });
    }
}
