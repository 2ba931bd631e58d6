package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReinjectingContentFilterTest {

    private static final SmtpMessage MESSAGE = new SmtpMessage("a@client.test", List.of("ok@example.test"),
            "Message-ID: <1@client.test>\r\nSubject: scan me\r\n\r\n.dotted line\r\n");

    @Test
    void repeatsTheReinjectionQueueIdUpstream() throws IOException {
        try (LoopbackSmtpPeer postfix = LoopbackSmtpPeer.start(0, "mail.example.test");
             ReinjectingContentFilter filter = ReinjectingContentFilter.start(0, postfix.port(),
                     ReinjectingContentFilter.Reply.QUEUED_AS);
             SmtpClient client = SmtpClient.connect(filter.port())) {
            String reply = client.send("mail.example.test", MESSAGE);

            assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as PEER\\d{4}");
            assertThat(postfix.accepted()).containsExactly(MESSAGE);
        }
    }

    @Test
    void opaqueReplyDoesNotNameTheQueueId() throws IOException {
        try (LoopbackSmtpPeer postfix = LoopbackSmtpPeer.start(0, "mail.example.test");
             ReinjectingContentFilter filter = ReinjectingContentFilter.start(0, postfix.port(),
                     ReinjectingContentFilter.Reply.OPAQUE_ID);
             SmtpClient client = SmtpClient.connect(filter.port())) {
            String reply = client.send("mail.example.test", MESSAGE);

            assertThat(reply).matches("250 2\\.0\\.0 Ok, id=\\d+").doesNotContain("queued as");
            assertThat(postfix.accepted()).containsExactly(MESSAGE);
        }
    }

    @Test
    void defersUpstreamWhenReinjectionIsImpossible() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (ReinjectingContentFilter filter = ReinjectingContentFilter.start(0, closedPort,
                ReinjectingContentFilter.Reply.QUEUED_AS);
             SmtpClient client = SmtpClient.connect(filter.port())) {
            assertThat(client.send("mail.example.test", MESSAGE)).startsWith("451 4.3.0 ");
        }
    }
}
