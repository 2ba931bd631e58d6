package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;
import static org.mailtrace.format.postfix.PostfixLinesFixture.malformedReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.EnvelopeSeen;
import org.mailtrace.event.QueueExpired;
import org.mailtrace.event.QueueRemoved;

class QmgrLinesTest {
    private static final String QMGR = "postfix/qmgr";

    @Test
    void queueEntryCarriesSenderSizeAndRecipientCount() {
        EnvelopeSeen e = event(EnvelopeSeen.class, QMGR, "0F5383D: from=<owner@lists.example.org>, size=5360, nrcpt=2 (queue active)");
        assertThat(e.sender()).isEqualTo("owner@lists.example.org");
        assertThat(e.size()).isEqualTo(5360);
        assertThat(e.nrcpt()).isEqualTo(2);
        assertThat(event(EnvelopeSeen.class, QMGR, "0F5383D: from=<>, size=1200, nrcpt=1 (queue active)").sender()).isEmpty();
    }

    @Test
    void removedAndExpiredAreQueueEvents() {
        assertThat(event(QueueRemoved.class, QMGR, "0F5383D: removed").queueId().value()).isEqualTo("0F5383D");
        QueueExpired x = event(QueueExpired.class, QMGR, "585BC3F: from=<a@example.org>, status=expired, returned to sender");
        assertThat(x.sender()).isEqualTo("a@example.org");
        assertThat(x.text()).isEqualTo("returned to sender");
    }

    @Test
    void qmgrDeferralIsADeliveryAttempt() {
        DeliveryAttempt a = event(DeliveryAttempt.class, QMGR,
                "2DC5552A34: to=<user@example.net>, relay=none, delay=63495, delays=63350/144/0/0, dsn=4.4.2,"
                        + " status=deferred (delivery temporarily suspended: lost connection with mx.example.net[192.0.2.22] while sending RCPT TO)");
        assertThat(a.status()).isEqualTo("deferred");
        assertThat(a.relay()).isEqualTo("none");
        assertThat(a.relayPeer()).isNull();
        assertThat(a.reply()).startsWith("delivery temporarily suspended: lost connection with");
    }

    @Test
    void skippedAndWarningsAreIgnoredAndOddQueuedLinesMalformed() {
        assertThat(ignoredReason(QMGR, "0F5383D: skipped, still being delivered")).isEqualTo("qmgr: skipped, still being delivered");
        assertThat(ignoredReason(QMGR, "warning: bounce_queue_lifetime is larger than maximal_queue_lifetime")).isEqualTo("qmgr: line without queue ID");
        assertThat(malformedReason(QMGR, "0F5383D: from=<a@example.org>")).isEqualTo("qmgr: unparsable sender line");
        assertThat(malformedReason(QMGR, "0F5383D: to=<a@example.org>, relay=none")).isEqualTo("qmgr: unparsable delivery line");
    }
}
