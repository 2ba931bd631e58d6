package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.exim.EximLinesFixture.event;
import static org.mailtrace.format.exim.EximLinesFixture.ignoredReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.DeliveryNote;
import org.mailtrace.event.QueueAdminAction;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.event.SmtpDisconnect;

class QueueStateLinesTest {
    private static final String AT = "2026-11-28 12:44:35 1uAbCd-0001Xy-7Q ";

    private static String action(String rest) {
        return event(QueueAdminAction.class, AT + rest).action().word();
    }

    @Test
    void completedRemovesTheQueueFile() {
        assertThat(event(QueueRemoved.class, AT + "Completed").queueId().value()).isEqualTo("1uAbCd-0001Xy-7Q");
        assertThat(event(QueueRemoved.class, AT + "Completed QT=2s").queueId()).isNotNull();
    }

    @Test
    void freezingThawingRemovingAndCancelling() {
        assertThat(action("Frozen")).isEqualTo("hold");
        assertThat(action("Frozen (delivery error message)")).isEqualTo("hold");
        assertThat(action("frozen by ACL")).isEqualTo("hold");
        assertThat(action("Unfrozen by forced delivery")).isEqualTo("release");
        assertThat(action("unfrozen by root")).isEqualTo("release");
        assertThat(action("removed by root")).isEqualTo("delete");
        assertThat(action("cancelled by timeout_frozen_after")).isEqualTo("cancel");
    }

    @Test
    void remarksAboutAMessageAreNotesAndAnAbandonedOneLeavesNothing() {
        assertThat(event(DeliveryNote.class, AT + "Message is frozen").text()).isEqualTo("Message is frozen");
        assertThat(event(DeliveryNote.class, AT + "H=mx [192.0.2.25] Connection refused").text())
                .isEqualTo("H=mx [192.0.2.25] Connection refused");
        assertThat(ignoredReason(AT + "SMTP connection from (x) [192.0.2.1] lost while reading message data"))
                .contains("before the message was accepted");
    }

    @Test
    void connectionsOpenAndCloseSessionsOnlyWithAPid() {
        String pid = "2026-11-28 12:44:35 [4711] ";
        assertThat(event(SmtpConnect.class, pid + "SMTP connection from [192.0.2.1]:4321 (TCP/IP connection count = 1)")
                .client().ip()).isEqualTo("192.0.2.1");
        assertThat(event(SmtpDisconnect.class, pid + "SMTP connection from mail.example.org (x) [192.0.2.1]:4321 lost")
                .meta().pid()).isEqualTo(4711);
        assertThat(event(SmtpDisconnect.class, pid + "SMTP connection from (x) [192.0.2.1] D=2s closed by QUIT")
                .client().ip()).isEqualTo("192.0.2.1");
        assertThat(ignoredReason("2026-11-28 12:44:35 SMTP connection from [192.0.2.1]:4321 (TCP/IP connection count = 1)"))
                .contains("without pid");
    }

    @Test
    void daemonRemarksAreIgnoredByKind() {
        assertThat(ignoredReason("2026-11-28 12:44:35 Start queue run: pid=1234")).isEqualTo("exim: queue run started or ended");
        assertThat(ignoredReason("2026-11-28 12:44:35 exim 4.96 daemon started: pid=1, -q30m, listening for SMTP on port 25"))
                .isEqualTo("exim: daemon start or stop");
        assertThat(ignoredReason("2026-11-28 12:44:35 TLS error on connection from (x) [192.0.2.1]: timeout"))
                .isEqualTo("exim: TLS remark");
    }
}
