package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.queueIdOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.Peer;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.QueuedFromClient;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;

/**
 * Runs every postfix-grok-patterns sample (public, read from {@code mailtrace.shared.data}) through the
 * Postfix format: none is foreign or malformed, and the fields the reference parser extracts agree with ours.
 */
class GrokSamplesTest {
    /** Patterns that describe a fragment of a line (a field's inner syntax), not a log message. */
    private static final Set<String> FRAGMENT_PATTERNS = Set.of(
            "POSTFIX_TLS_FEATURES", "POSTFIX_COMMAND_COUNTER_DATA", "POSTFIX_DELAYS", "POSTFIX_RELAY");

    /** Samples that name a queue ID but deserve no event, with the reason. */
    private static final Map<String, String> IGNORED_WITH_QUEUE_ID = Map.of(
            "cleanup_0012.yaml", "a table lookup warning; smtpd logs the resulting temporary reject itself",
            "qmgr_0006.yaml", "qmgr skipping a message that is still being delivered says nothing new (its 21-digit"
                    + " hex ID is also longer than any Postfix short queue ID, so it is not read as one)");

    @TestFactory
    Stream<DynamicTest> everySampleIsUnderstood() throws IOException {
        String shared = System.getProperty("mailtrace.shared.data");
        Path dir = shared == null ? null : Path.of(shared, "postfix", "postfix-grok-patterns", "test");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "postfix-grok-patterns samples not found (system property mailtrace.shared.data); skipping");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(100);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        GrokSampleFile sample = GrokSampleFile.read(file);
        if (FRAGMENT_PATTERNS.contains(sample.patternName())) {
            return;
        }
        ParseResult result = PostfixLinesFixture.parse(tagOf(sample.patternName()), sample.data());
        assertThat(result).as(sample.name()).isNotInstanceOf(ParseResult.Malformed.class)
                .isNotInstanceOf(ParseResult.NotMine.class);
        Map<String, String> expected = sample.results();
        if (IGNORED_WITH_QUEUE_ID.containsKey(sample.name())) {
            assertThat(result).as(sample.name()).isInstanceOf(ParseResult.Ignored.class);
            return;
        }
        if (expected.containsKey("postfix_queueid") || expected.containsKey("postfix_action")) {
            assertThat(result).as(sample.name()).isInstanceOf(ParseResult.Parsed.class);
        }
        if (result instanceof ParseResult.Parsed) {
            agree(sample, ((ParseResult.Parsed) result).first());
        }
    }

    private static void agree(GrokSampleFile sample, MailEvent event) {
        Map<String, String> expected = sample.results();
        String name = sample.name();
        if (expected.containsKey("postfix_queueid")) {
            QueueId id = queueIdOf(event);
            String want = expected.get("postfix_queueid");
            assertThat(id == null ? "NOQUEUE" : id.value()).as(name + " queue ID").isEqualTo(want);
        }
        if (expected.containsKey("postfix_status")) {
            String status = event instanceof DeliveryAttempt ? ((DeliveryAttempt) event).status()
                    : event instanceof QueueExpired ? "expired" : null;
            assertThat(status).as(name + " status").isEqualTo(expected.get("postfix_status"));
        }
        if (expected.containsKey("postfix_from")) {
            assertThat(senderOf(event)).as(name + " sender").isEqualTo(expected.get("postfix_from"));
        }
        if (expected.containsKey("postfix_to")) {
            assertThat(recipientOf(event)).as(name + " recipient").isEqualTo(expected.get("postfix_to"));
        }
        if (expected.containsKey("postfix_client_ip")) {
            Peer client = clientOf(event);
            assertThat(client).as(name + " client").isNotNull();
            assertThat(client.ip()).as(name + " client IP").isEqualTo(expected.get("postfix_client_ip"));
        }
        if (expected.containsKey("postfix_client_port") && clientOf(event) != null) {
            assertThat(clientOf(event).port()).as(name + " client port")
                    .isEqualTo(Integer.valueOf(expected.get("postfix_client_port")));
        }
        if (expected.containsKey("postfix_relay_ip")) {
            String ip = expected.get("postfix_relay_ip");
            if (event instanceof DeliveryAttempt) {
                assertThat(((DeliveryAttempt) event).relayPeer().ip()).as(name + " relay IP").isEqualTo(ip);
            } else {
                assertThat(event).as(name).isInstanceOf(DeliveryNote.class);
                assertThat(((DeliveryNote) event).text()).as(name + " relay IP").contains("[" + ip + "]");
            }
        }
        if (expected.containsKey("postfix_status_code") && event instanceof SmtpDecision) {
            assertThat(((SmtpDecision) event).reply().code()).as(name + " reply code")
                    .isEqualTo(Integer.parseInt(expected.get("postfix_status_code")));
        }
        if (expected.containsKey("postfix_status_code_enhanced") && event instanceof SmtpDecision) {
            assertThat(((SmtpDecision) event).reply().dsn()).as(name + " DSN")
                    .isEqualTo(expected.get("postfix_status_code_enhanced"));
        }
        if (expected.containsKey("postfix_action") && event instanceof SmtpDecision) {
            assertThat(((SmtpDecision) event).action()).as(name + " action").isEqualTo(expected.get("postfix_action"));
        }
        if (expected.containsKey("postfix_smtp_stage") && event instanceof SmtpDecision) {
            assertThat(((SmtpDecision) event).stage()).as(name + " stage").isEqualTo(expected.get("postfix_smtp_stage"));
        }
        if (expected.containsKey("postfix_message-id")) {
            assertThat(((MessageIdSeen) event).messageId()).as(name + " message-id")
                    .contains(expected.get("postfix_message-id"));
        }
    }

    private static String senderOf(MailEvent e) {
        if (e instanceof QueueExpired) {
            return ((QueueExpired) e).sender();
        } else if (e instanceof EnvelopeSeen) {
            return ((EnvelopeSeen) e).sender();
        }
        Envelope env = envelopeOf(e);
        return env == null ? null : env.from();
    }

    private static String recipientOf(MailEvent e) {
        if (e instanceof DeliveryAttempt) {
            return ((DeliveryAttempt) e).recipient();
        }
        Envelope env = envelopeOf(e);
        return env == null ? null : env.to();
    }

    private static Envelope envelopeOf(MailEvent e) {
        if (e instanceof SmtpDecision) {
            return ((SmtpDecision) e).envelope();
        } else if (e instanceof ContentDecision) {
            return ((ContentDecision) e).envelope();
        }
        return null;
    }

    private static Peer clientOf(MailEvent e) {
        if (e instanceof SmtpConnect) {
            return ((SmtpConnect) e).client();
        } else if (e instanceof SmtpDisconnect) {
            return ((SmtpDisconnect) e).client();
        } else if (e instanceof QueuedFromClient) {
            return ((QueuedFromClient) e).client();
        } else if (e instanceof SmtpDecision) {
            return ((SmtpDecision) e).client();
        } else if (e instanceof ContentDecision) {
            return ((ContentDecision) e).client();
        }
        return null;
    }

    /** POSTFIX_SMTPD -> postfix/smtpd, POSTFIX_TRIVIAL_REWRITE -> postfix/trivial-rewrite, POSTFIX_SCRIPT -> postfix/postfix-script. */
    static String tagOf(String patternName) {
        String program = patternName.substring("POSTFIX_".length()).toLowerCase().replace('_', '-');
        return "postfix/" + (program.equals("script") ? "postfix-script" : program);
    }
}
