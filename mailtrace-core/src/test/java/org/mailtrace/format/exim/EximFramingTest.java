package org.mailtrace.format.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.YearResolver;

class EximFramingTest {
    private final EximFraming utc = new EximFraming(ZoneOffset.UTC, YearResolver.startingIn(2026));

    private static RawLine ok(Framed f) {
        assertThat(f).isInstanceOf(Framed.Ok.class);
        return ((Framed.Ok) f).line();
    }

    @Test
    void mainLogLinesNameNoHostAndReadTheirTimeInTheGivenZone() {
        EximFraming berlin = new EximFraming(ZoneId.of("Europe/Berlin"), YearResolver.startingIn(2026));
        RawLine r = ok(berlin.frame("2026-11-28 12:44:35 1uAbCd-0001Xy-7Q Completed", "mainlog:7"));
        assertThat(r.time()).isEqualTo(Instant.parse("2026-11-28T11:44:35Z"));
        assertThat(r.host()).isEqualTo("localhost");
        assertThat(r.tag()).isEqualTo("exim");
        assertThat(r.pid()).isEqualTo(-1);
        assertThat(r.message()).isEqualTo("1uAbCd-0001Xy-7Q Completed");
        assertThat(r.source()).isEqualTo("mainlog:7");
    }

    @Test
    void fractionsOffsetAndPidFromTheLogSelector() {
        RawLine r = ok(utc.frame("2026-11-28 12:44:35.123456 +0100 [4711] 1uAbCd-0001Xy-7Q Completed", "m:1"));
        assertThat(r.time()).isEqualTo(Instant.parse("2026-11-28T11:44:35.123456Z"));
        assertThat(r.pid()).isEqualTo(4711);
        assertThat(r.message()).isEqualTo("1uAbCd-0001Xy-7Q Completed");
    }

    @Test
    void undatedLinesAfterAnEntryContinueIt() {
        assertThat(utc.frame("Envelope-from: <a@example.org>", "rejectlog:1")).isInstanceOf(Framed.NotSyslog.class);
        ok(utc.frame("2026-11-28 12:44:35 H=(x) [192.0.2.1] F=<a@example.org> rejected RCPT <b@example.net>: no", "r:2"));
        RawLine header = ok(utc.frame("P Received: from [192.0.2.1] (helo=x)", "rejectlog:3"));
        assertThat(header.tag()).isEqualTo(EximFraming.CONTINUATION);
        assertThat(header.time()).isEqualTo(Instant.parse("2026-11-28T12:44:35Z"));
        assertThat(new EximFormat().parse(header)).isInstanceOf(ParseResult.Ignored.class);
        assertThat(utc.frame("", "rejectlog:4")).isInstanceOf(Framed.NotSyslog.class);
    }

    @Test
    void syslogLinesTakeEximsOwnDateAndTheSyslogHost() {
        RawLine r = ok(utc.frame("Nov 28 12:44:36 mx exim[123]: 2026-11-28 12:44:35 1uAbCd-0001Xy-7Q Completed", "mail.log:1"));
        assertThat(r.time()).isEqualTo(Instant.parse("2026-11-28T12:44:35Z"));
        assertThat(r.host()).isEqualTo("mx");
        assertThat(r.tag()).isEqualTo("exim");
        assertThat(r.pid()).isEqualTo(123);
        assertThat(r.message()).isEqualTo("1uAbCd-0001Xy-7Q Completed");
        RawLine noDate = ok(utc.frame("Nov 28 12:44:36 mx exim4[124]: 1uAbCd-0001Xy-7Q Completed", "mail.log:2"));
        assertThat(noDate.time()).isEqualTo(Instant.parse("2026-11-28T12:44:36Z"));
        assertThat(noDate.tag()).isEqualTo("exim");
    }

    @Test
    void otherProgramsOfASyslogFileAreNotExims() {
        RawLine r = ok(utc.frame("Nov 28 12:44:36 mx postfix/smtpd[9]: connect from a[192.0.2.1]", "mail.log:1"));
        assertThat(new EximFormat().parse(r)).isInstanceOf(ParseResult.NotMine.class);
        // an undated line after a syslog line of another program is no continuation of an Exim entry
        assertThat(utc.frame("garbage", "mail.log:2")).isInstanceOf(Framed.NotSyslog.class);
    }

    @Test
    void splitSyslogLinesAreJoinedAtTheirLastPart() {
        String head = "Nov 28 12:44:36 mx exim[123]: ";
        assertThat(utc.frame(head + "[1/3] 2026-11-28 12:44:35 1uAbCd-0001Xy-7Q <= a@exam", "l:1")).isSameAs(Framed.HELD);
        assertThat(utc.frame(head + "[2/3] ple.org H=(x) [192.0.2.1] P=esmtp S=12", "l:2")).isSameAs(Framed.HELD);
        RawLine r = ok(utc.frame(head + "[3/3] 34 for b@example.net", "l:3"));
        assertThat(r.message()).isEqualTo("1uAbCd-0001Xy-7Q <= a@example.org H=(x) [192.0.2.1] P=esmtp S=1234 for b@example.net");
        assertThat(r.time()).isEqualTo(Instant.parse("2026-11-28T12:44:35Z"));
    }

    @Test
    void anEntrySplitAtItsNewlinesKeepsItsFirstLine() {
        String head = "Nov 28 12:44:36 mx exim[123]: ";
        utc.frame(head + "[1\\2] 2026-11-28 12:44:35 H=(x) [192.0.2.1] F=<a@b> rejected after DATA: spam", "l:1");
        RawLine r = ok(utc.frame(head + "[2/2] Envelope-from: <a@b>", "l:2"));
        assertThat(r.message()).isEqualTo("H=(x) [192.0.2.1] F=<a@b> rejected after DATA: spam");
    }

    @Test
    void undatedLinesAfterASyslogLineAreNoContinuation() {
        ok(utc.frame("Nov 28 12:44:36 mx exim[123]: 2026-11-28 12:44:35 1uAbCd-0001Xy-7Q Completed", "l:1"));
        assertThat(utc.frame("  stray text", "l:2")).isInstanceOf(Framed.NotSyslog.class);
    }

    @Test
    void aPartWhoseFirstPartsAreMissingIsNotFramed() {
        assertThat(utc.frame("Nov 28 12:44:36 mx exim[123]: [2/2] rest of it", "l:1")).isInstanceOf(Framed.NotSyslog.class);
    }

    @Test
    void aLineEximWroteTwiceToSyslogIsMarkedRepeated() {
        String line = "Nov 28 12:44:36 mx exim[123]: 2026-11-28 12:44:35 H=(x) [192.0.2.1] F=<a@b> rejected RCPT <c@d>: no";
        assertThat(ok(utc.frame(line, "l:1")).tag()).isEqualTo("exim");
        RawLine again = ok(utc.frame(line, "l:2"));
        assertThat(again.tag()).isEqualTo(EximFraming.DUPLICATE);
        assertThat(new EximFormat().parse(again)).isInstanceOf(ParseResult.Ignored.class);
    }
}
