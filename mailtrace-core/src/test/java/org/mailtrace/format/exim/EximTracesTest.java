package org.mailtrace.format.exim;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailtrace.correlate.CorrelationSettings;
import org.mailtrace.correlate.Correlator;
import org.mailtrace.correlate.TraceChanges;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.RecipientOutcome;
import org.mailtrace.model.RelatedTrace;
import org.mailtrace.source.Framed;
import org.mailtrace.source.YearResolver;

/** Exim lines through framing, parser and correlator: what the console shows of them. */
class EximTracesTest {

    private static List<MessageTrace> traces(String... lines) {
        return traces(-1, lines);
    }

    /** With {@code restartAt} >= 0, the correlator is snapshotted and restored before that line. */
    private static List<MessageTrace> traces(int restartAt, String... lines) {
        EximFraming framing = new EximFraming(ZoneOffset.UTC, YearResolver.startingIn(2026));
        EximFormat format = new EximFormat();
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        Map<String, MessageTrace> byId = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines) {
            if (n == restartAt) {
                drain(c, byId);
                c = Correlator.restore(CorrelationSettings.defaults(), Formats.allRules(), c.snapshot());
            }
            if (framing.frame(line, "mainlog:" + ++n) instanceof Framed.Ok ok
                    && format.parse(ok.line()) instanceof ParseResult.Parsed p) {
                for (var e : p.events()) {
                    c.accept(e, format.rules());
                }
            }
        }
        drain(c, byId);
        List<MessageTrace> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(MessageTrace::received).thenComparing(t -> t.queueIds().toString()));
        return out;
    }

    private static void drain(Correlator c, Map<String, MessageTrace> byId) {
        TraceChanges changes = c.drainChanges();
        changes.upserted().forEach(t -> byId.put(t.messageTraceId(), t));
        changes.deleted().forEach(byId::remove);
    }

    private static Map<String, DeliveryStatus> rows(MessageTrace t) {
        Map<String, DeliveryStatus> out = new LinkedHashMap<>();
        for (RecipientOutcome r : t.recipients()) {
            out.put(r.recipientAddress(), r.status());
        }
        return out;
    }

    /** Debian's default selector: no recipients on the arrival line, so the frozen message has one row without address. */
    @Test
    void aMessageFrozenOnArrivalAndRemovedIsDroppedWithoutRecipients() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= c14@client.test H=(client.test) [127.0.0.1] P=esmtp S=477 id=x@vm",
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q frozen by ACL",
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q Message is frozen",
                "2026-11-28 12:00:02 1uAbCd-0001Xy-7Q removed by root",
                "2026-11-28 12:00:02 1uAbCd-0001Xy-7Q Completed");
        assertThat(ts).singleElement().satisfies(t -> assertThat(rows(t)).containsExactly(
                Map.entry("", DeliveryStatus.Dropped)));
    }

    @Test
    void aBounceAndItsOriginalAreLinkedBothWays() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org U=alice P=local S=1200",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q ** nobody@example.net R=dnslookup T=remote_smtp H=mx [192.0.2.25]"
                        + " : SMTP error from remote mail server after RCPT TO:<nobody@example.net>: 550 5.1.1 unknown",
                "2026-11-28 12:00:01 1uAbCe-0001Xy-7Q <= <> R=1uAbCd-0001Xy-7Q U=Debian-exim P=local S=2100",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q Completed",
                "2026-11-28 12:00:02 1uAbCe-0001Xy-7Q => alice <alice@example.org> R=local_user T=mail_spool",
                "2026-11-28 12:00:02 1uAbCe-0001Xy-7Q Completed");
        assertThat(ts).hasSize(2);
        MessageTrace original = ts.get(0);
        MessageTrace bounce = ts.get(1);
        assertThat(rows(original)).containsExactly(Map.entry("nobody@example.net", DeliveryStatus.Failed));
        assertThat(original.related()).containsExactly(new RelatedTrace(bounce.messageTraceId(), RelatedTrace.NDR));
        assertThat(bounce.related()).containsExactly(new RelatedTrace(original.messageTraceId(), RelatedTrace.NDR_OF));
        assertThat(rows(bounce)).containsExactly(Map.entry("alice@example.org", DeliveryStatus.Delivered));
        assertThat(bounce.senderAddress()).isEmpty();
    }

    @Test
    void subjectAndRecipientsComeFromTheArrivalLineWhenTheSelectorLogsThem() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org H=(laptop) [192.0.2.7] P=esmtpa A=plain:alice"
                        + " S=1200 id=m1@example.org T=\"Lunch?\" for bob@example.net carol@example.net",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q => bob@example.net R=dnslookup T=remote_smtp H=mx [192.0.2.25]"
                        + " C=\"250 OK\"",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q Frozen");
        MessageTrace t = ts.get(0);
        assertThat(t.subject()).isEqualTo("Lunch?");
        assertThat(t.messageId()).isEqualTo("<m1@example.org>");
        assertThat(t.size()).isEqualTo(1200L);
        assertThat(t.fromIp()).isEqualTo("192.0.2.7");
        assertThat(rows(t)).containsExactly(Map.entry("bob@example.net", DeliveryStatus.Delivered),
                Map.entry("carol@example.net", DeliveryStatus.Quarantined));
    }

    @Test
    void subjectRecipientsAndHeloSurviveASnapshot() {
        String[] lines = {
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org H=(laptop) [192.0.2.7] P=esmtp S=1200"
                        + " T=\"Lunch?\" for bob@example.net carol@example.net",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q => bob@example.net R=dnslookup T=remote_smtp H=mx [192.0.2.25]"
                        + " C=\"250 OK\"",
                "2026-11-28 12:00:02 1uAbCd-0001Xy-7Q Completed"};
        List<MessageTrace> straight = traces(lines);
        assertThat(traces(1, lines)).isEqualTo(straight);
        assertThat(straight.get(0).events().get(0).detail()).contains("HELO laptop");
    }

    @Test
    void aRecipientDeferredOnEveryQueueRunIsOneRow() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org U=alice P=local S=1200",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q == bob@example.net R=dnslookup T=remote_smtp defer (-44)"
                        + " H=mx [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 451 later",
                "2026-11-28 12:30:00 1uAbCd-0001Xy-7Q == bob@example.net R=dnslookup T=remote_smtp defer (-53):"
                        + " retry time not reached for any host",
                "2026-11-28 13:00:01 1uAbCd-0001Xy-7Q == bob@example.net R=dnslookup T=remote_smtp defer (-44)"
                        + " H=mx [192.0.2.25]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 451 later");
        assertThat(rows(ts.get(0))).containsExactly(Map.entry("bob@example.net", DeliveryStatus.Pending));
        assertThat(ts.get(0).events()).filteredOn(e -> e.event().name().equals("DEFER")).hasSize(3);
    }

    @Test
    void anAliasExpandedToTwoMembersIsExpanded() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org U=alice P=local S=1200",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q => bob@example.net <team@example.org> R=dnslookup T=remote_smtp"
                        + " H=mx [192.0.2.25] C=\"250 OK\"",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q -> carol@example.net <team@example.org> R=dnslookup"
                        + " T=remote_smtp H=mx [192.0.2.25] C=\"250 OK\"",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q Completed");
        // members in replay order: lines of one second by their text
        assertThat(rows(ts.get(0))).containsOnly(Map.entry("team@example.org", DeliveryStatus.Expanded),
                Map.entry("bob@example.net", DeliveryStatus.Delivered),
                Map.entry("carol@example.net", DeliveryStatus.Delivered));
    }

    @Test
    void withoutPidRefusalsOfDifferentClientsStayApart() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 H=(a) [192.0.2.1] F=<x@a.example> rejected RCPT <bob@example.org>: unknown user",
                "2026-11-28 12:00:00 H=(b) [192.0.2.2] F=<y@b.example> rejected RCPT <carol@example.org>: unknown user",
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= y@b.example H=(b) [192.0.2.2] P=esmtp S=100");
        assertThat(ts).hasSize(3);
        assertThat(ts).filteredOn(t -> t.queueIds().isEmpty()).extracting(MessageTrace::fromIp)
                .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
    }

    @Test
    void withPidARefusedRecipientJoinsTheMessageOfItsSession() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 [4711] SMTP connection from (b) [192.0.2.2]:4000 (TCP/IP connection count = 1)",
                "2026-11-28 12:00:01 [4711] H=(b) [192.0.2.2]:4000 F=<y@b.example> rejected RCPT <carol@example.org>:"
                        + " unknown user",
                "2026-11-28 12:00:02 [4711] 1uAbCd-0001Xy-7Q <= y@b.example H=(b) [192.0.2.2]:4000 P=esmtp S=100"
                        + " for bob@example.org",
                "2026-11-28 12:00:02 [4711] SMTP connection from (b) [192.0.2.2]:4000 closed by QUIT",
                "2026-11-28 12:00:03 [4720] 1uAbCd-0001Xy-7Q => bob <bob@example.org> R=local_user T=mail_spool",
                "2026-11-28 12:00:03 [4720] 1uAbCd-0001Xy-7Q Completed");
        assertThat(ts).hasSize(1);
        assertThat(rows(ts.get(0))).containsOnly(Map.entry("carol@example.org", DeliveryStatus.Failed),
                Map.entry("bob@example.org", DeliveryStatus.Delivered));
    }

    @Test
    void aRelayToAnotherEximWeReadIsOneTrace() {
        List<MessageTrace> ts = traces(
                "Nov 28 12:00:00 edge exim[10]: 2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org"
                        + " H=(laptop) [192.0.2.7] P=esmtp S=1200",
                "Nov 28 12:00:01 hub exim[20]: 2026-11-28 12:00:01 1uAbZz-0001Xy-7Q <= alice@example.org"
                        + " H=edge.example.org [198.51.100.1] P=esmtp S=1300",
                "Nov 28 12:00:01 edge exim[11]: 2026-11-28 12:00:01 1uAbCd-0001Xy-7Q => bob@example.org R=hub"
                        + " T=remote_smtp H=hub.example.org [198.51.100.2] C=\"250 OK id=1uAbZz-0001Xy-7Q\"",
                "Nov 28 12:00:02 hub exim[21]: 2026-11-28 12:00:02 1uAbZz-0001Xy-7Q => bob <bob@example.org>"
                        + " R=local_user T=mail_spool");
        assertThat(ts).hasSize(1);
        assertThat(ts.get(0).hosts()).containsExactly("edge", "hub");
        assertThat(rows(ts.get(0))).containsExactly(Map.entry("bob@example.org", DeliveryStatus.Delivered));
    }

    /**
     * {@code P=} (protocol), {@code I=} (the interface the client connected to) and {@code X=} (TLS
     * cipher) of an arrival are read past but not kept: the client is the {@code H=} host, never the
     * interface, and the receive event's facts are those of a Postfix {@code client=} line (client,
     * HELO, SASL). Keeping them would need fields in the arrival event and so a new snapshot format
     * (docs/formats/exim.md, "Arrivals").
     */
    @Test
    void anArrivalsProtocolInterfaceAndCipherAreNotKeptAndTheClientIsTheHost() {
        List<MessageTrace> ts = traces(
                "2026-11-28 12:00:00 1uAbCd-0001Xy-7Q <= alice@example.org H=mail.example.org (laptop) [192.0.2.7]:50123"
                        + " I=[198.51.100.2]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=plain:alice S=1200"
                        + " id=m1@example.org for bob@example.net",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q => bob@example.net R=dnslookup T=remote_smtp H=mx [192.0.2.25]"
                        + " C=\"250 OK\"",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q Completed");
        MessageTrace t = ts.get(0);
        assertThat(t.fromIp()).isEqualTo("192.0.2.7");
        var receive = t.events().get(0);
        assertThat(receive.event().name()).isEqualTo("RECEIVE");
        assertThat(receive.data()).containsOnlyKeys("client", "clientIp", "helo", "host", "program", "queueId",
                "saslMethod", "saslUser");
        assertThat(receive.data()).containsEntry("client", "mail.example.org[192.0.2.7]:50123")
                .containsEntry("saslUser", "alice");
        assertThat(receive.detail()).isEqualTo("Received by localhost (exim) from mail.example.org[192.0.2.7]:50123,"
                + " authenticated as alice, HELO laptop; queue ID 1uAbCd-0001Xy-7Q.");
        assertThat(t.toString()).doesNotContain("198.51.100.2").doesNotContain("esmtpsa").doesNotContain("TLS1.3");
    }
}
