package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.FilterVerdict;

class AmavisLinesTest {
    @Test
    void passedCleanLinksQueueIdToReinjectedId() {
        FilterVerdict v = event(FilterVerdict.class, "amavis",
                "(12345-01) Passed CLEAN {RelayedInbound}, [192.0.2.9]:4312 [192.0.2.9] <a@example.net> -> <b@example.org>,<c@example.org>,"
                        + " Queue-ID: 3F1B6C0423, Message-ID: <m1@example.net>, mail_id: Ab12Cd34, Hits: -1.2, size: 2345,"
                        + " queued_as: 4A2C7D0551, 512 ms");
        assertThat(v.meta().program()).isEqualTo("amavis");
        assertThat(v.meta().instance()).isEqualTo("postfix");
        assertThat(v.queueId().value()).isEqualTo("3F1B6C0423");
        assertThat(v.verdict()).isEqualTo("Passed");
        assertThat(v.category()).isEqualTo("CLEAN");
        assertThat(v.flags()).containsExactly("RelayedInbound");
        assertThat(v.recipients()).containsExactly("b@example.org", "c@example.org");
        assertThat(v.queuedAs().value()).isEqualTo("4A2C7D0551");
        assertThat(v.messageId()).isEqualTo("<m1@example.net>");
        assertThat(v.detail()).isEqualTo("Hits: -1.2");
    }

    @Test
    void blockedSpamNamesQuarantine() {
        FilterVerdict v = event(FilterVerdict.class, "amavisd",
                "(02345-07) Blocked SPAM {DiscardedInbound,Quarantined}, [192.0.2.9]:4312 [192.0.2.9] <a@example.net> -> <b@example.org>,"
                        + " quarantine: spam-Xy12abc, Queue-ID: 3F1B6C0423, Message-ID: <m2@example.net>, mail_id: Xy12abc,"
                        + " Hits: 12.3, size: 2345, 800 ms");
        assertThat(v.verdict()).isEqualTo("Blocked");
        assertThat(v.category()).isEqualTo("SPAM");
        assertThat(v.flags()).containsExactly("DiscardedInbound", "Quarantined");
        assertThat(v.queuedAs()).isNull();
        assertThat(v.detail()).contains("Hits: 12.3").contains("quarantine: spam-Xy12abc");
    }

    @Test
    void blockedInfectedCarriesTheVirusName() {
        FilterVerdict v = event(FilterVerdict.class, "amavisd-new",
                "(03456-02) Blocked INFECTED (Eicar-Signature) {DiscardedInbound,Quarantined}, [192.0.2.9]:4312 [192.0.2.9]"
                        + " <a@example.net> -> <b@example.org>, quarantine: virus-Q1, Queue-ID: 3F1B6C0423, Message-ID: <m3@example.net>,"
                        + " mail_id: Q1, Hits: -, size: 900, 120 ms");
        assertThat(v.category()).isEqualTo("INFECTED");
        assertThat(v.detail()).startsWith("Eicar-Signature");
    }

    @Test
    void olderLinesWithoutFlagsStillParse() {
        FilterVerdict v = event(FilterVerdict.class, "amavis",
                "(04567-01) Passed CLEAN, [192.0.2.9] [192.0.2.9] <a@example.net> -> <b@example.org>, Message-ID: <m4@example.net>,"
                        + " mail_id: Z9, Hits: 0.1, size: 100, queued_as: 5B6C7D8E9F, 300 ms");
        assertThat(v.flags()).isEmpty();
        assertThat(v.queueId()).isNull();
        assertThat(v.queuedAs().value()).isEqualTo("5B6C7D8E9F");
    }

    @Test
    void otherAmavisLinesAreIgnored() {
        assertThat(ignoredReason("amavis", "(12345-01) Checking: Ab12Cd34 [192.0.2.9] <a@example.net> -> <b@example.org>"))
                .isEqualTo("amavis: remark");
        assertThat(ignoredReason("amavis", "starting. /usr/sbin/amavisd at mx1 amavisd-new-2.11.0")).isEqualTo("amavis: remark");
    }
}
