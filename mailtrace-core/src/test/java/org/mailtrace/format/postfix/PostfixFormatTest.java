package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.format.postfix.PostfixLinesFixture.event;
import static org.mailtrace.format.postfix.PostfixLinesFixture.ignoredReason;
import static org.mailtrace.format.postfix.PostfixLinesFixture.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtrace.event.QueueRemoved;
import org.mailtrace.event.SmtpConnect;
import org.mailtrace.format.Formats;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.RawLine;

class PostfixFormatTest {
    @Test
    void isRegisteredUnderItsName() {
        assertThat(Formats.byName("postfix")).isInstanceOf(PostfixFormat.class);
        assertThat(new PostfixFormat().name()).isEqualTo("postfix");
    }

    @Test
    void instanceIsFirstPathElementAndProgramTheLast() {
        SmtpConnect c = event(SmtpConnect.class, "postfix-in/submission/smtpd", "connect from a[192.0.2.1]");
        assertThat(c.meta().instance()).isEqualTo("postfix-in");
        assertThat(c.meta().program()).isEqualTo("smtpd");
        assertThat(c.meta().queueNamespace()).isEqualTo("mx1/postfix-in");
        assertThat(c.meta().pid()).isEqualTo(4242);
        assertThat(c.meta().message()).isEqualTo("connect from a[192.0.2.1]");
    }

    @Test
    void bareKnownProgramCountsAsInstancePostfix() {
        QueueRemoved r = event(QueueRemoved.class, "qmgr", "0F5383D: removed");
        assertThat(r.meta().instance()).isEqualTo("postfix");
        assertThat(r.meta().program()).isEqualTo("qmgr");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pmg-smtp-filter", "pmgpolicy", "systemd", "dovecot", "opendkim", "other/smtpd", "sshd"})
    void otherProgramsAreNotMine(String tag) {
        assertThat(parse(tag, "0F5383D: removed")).isEqualTo(ParseResult.NOT_MINE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"anvil", "tlsmgr", "master", "scache", "verify", "trivial-rewrite", "postfix-script", "postlogd",
            "dnsblog", "tlsproxy", "sendmail", "postdrop"})
    void programsWithoutTraceDataAreIgnored(String program) {
        assertThat(ignoredReason("postfix/" + program, "statistics: max connection rate 1/60s for (smtp:192.0.2.1) at Oct 26 18:13:50"))
                .isEqualTo(program + " carries no trace data");
    }

    @Test
    void nullAndEmptyPartsAreNotMine() {
        PostfixFormat format = new PostfixFormat();
        assertThat(format.parse(null)).isEqualTo(ParseResult.NOT_MINE);
        assertThat(format.parse(new RawLine(null, null, null, -1, null, null))).isEqualTo(ParseResult.NOT_MINE);
        assertThat(format.parse(new RawLine(null, "h", "", -1, "x", null))).isEqualTo(ParseResult.NOT_MINE);
    }
}
