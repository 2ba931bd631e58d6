package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.exim.EximLinesFixture.event;
import static org.mailtrace.format.exim.EximLinesFixture.events;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.MessageIdSeen;
import org.mailtrace.event.NotificationQueued;
import org.mailtrace.event.Peer;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueuedFromClient;

class ArrivalLinesTest {

    @Test
    void anSmtpArrivalNamesClientHeloAuthMessageIdAndEnvelope() {
        String line = "2026-11-28 12:44:35 1uAbCd-000000001Xy-7Qab <= alice@example.org H=mail.example.org (helo.example.org)"
                + " [192.0.2.1]:50123 I=[198.51.100.2]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
                + " A=plain:alice S=2345 id=abc@example.org T=\"Quarterly \\\"numbers\\\"\" for bob@example.net carol@example.net";
        List<MailEvent> all = events(line);
        assertThat(all).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("QueuedFromClient", "MessageIdSeen", "EnvelopeSeen");
        QueuedFromClient q = event(QueuedFromClient.class, line);
        assertThat(q.queueId().value()).isEqualTo("1uAbCd-000000001Xy-7Qab");
        assertThat(q.client()).isEqualTo(new Peer("mail.example.org", "192.0.2.1", 50123));
        assertThat(q.helo()).isEqualTo("helo.example.org");
        assertThat(q.saslMethod()).isEqualTo("plain");
        assertThat(q.saslUsername()).isEqualTo("alice");
        assertThat(q.meta().instance()).isEqualTo("exim");
        assertThat(event(MessageIdSeen.class, line).messageId()).isEqualTo("<abc@example.org>");
        EnvelopeSeen e = event(EnvelopeSeen.class, line);
        assertThat(e.sender()).isEqualTo("alice@example.org");
        assertThat(e.size()).isEqualTo(2345);
        assertThat(e.subject()).isEqualTo("Quarterly \"numbers\"");
        assertThat(e.recipients()).containsExactly("bob@example.net", "carol@example.net");
        assertThat(e.nrcpt()).isEqualTo(2);
    }

    @Test
    void debiansDefaultSelectorGivesNoSubjectNoRecipients() {
        EnvelopeSeen e = event(EnvelopeSeen.class,
                "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q <= alice@example.org H=(x) [192.0.2.1] P=esmtp S=2345 id=m@x");
        assertThat(e.subject()).isNull();
        assertThat(e.recipients()).isNull();
        assertThat(e.nrcpt()).isEqualTo(-1);
        assertThat(event(QueuedFromClient.class,
                "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q <= a@b H=(x) [192.0.2.1] P=esmtp S=1").client())
                .isEqualTo(new Peer(null, "192.0.2.1", null));
    }

    @Test
    void aLocalSubmissionNamesTheUserAndAnUnknownSizeIsMinusOne() {
        String line = "1999-03-02 09:44:33 10HmaX-000000005vi-0000 <= someone@some.domain U=CALLER P=local-smtp S=sss";
        LocalSubmission l = event(LocalSubmission.class, line);
        assertThat(l.uid()).isEqualTo("CALLER");
        assertThat(l.sender()).isEqualTo("someone@some.domain");
        assertThat(event(EnvelopeSeen.class, line).size()).isEqualTo(-1);
    }

    @Test
    void aBounceIsAnnouncedOnItsParentAndIsNoSubmission() {
        String line = "2026-11-28 12:44:35 1uAbCe-0001Xy-7Q <= <> R=1uAbCd-0001Xy-7Q U=Debian-exim P=local S=1900";
        List<MailEvent> all = events(line);
        assertThat(all).noneMatch(e -> e instanceof LocalSubmission);
        assertThat(event(EnvelopeSeen.class, line).sender()).isEmpty();
        NotificationQueued n = event(NotificationQueued.class, line);
        assertThat(n.queueId().value()).isEqualTo("1uAbCd-0001Xy-7Q");
        assertThat(n.notificationId().value()).isEqualTo("1uAbCe-0001Xy-7Q");
        assertThat(n.kind()).isEqualTo("sender non-delivery");
        assertThat(event(NotificationQueued.class, "2026-11-28 12:44:35 1uAbCe-0001Xy-7Q <= <> R=1uAbCd-0001Xy-7Q"
                + " U=Debian-exim P=local S=1900 T=\"Warning: message 1uAbCd-0001Xy-7Q delayed 24 hours\"").kind())
                .isEqualTo("sender delay");
    }

    @Test
    void aFakeRejectArrivedAllTheSame() {
        assertThat(event(EnvelopeSeen.class, "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q (= a@b U=CALLER P=local-smtp S=12")
                .sender()).isEqualTo("a@b");
    }

    @Test
    void escapedSubjectsAreDecoded() {
        assertThat(event(EnvelopeSeen.class, "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q <= a@b U=u P=local S=1"
                + " T=\"two-line subject,\\n  Patrik F\\344ltstr\\366m \\303\\244\"").subject())
                .isEqualTo("two-line subject, Patrik F\u00e4ltstr\u00f6m \u00e4");
    }
}
