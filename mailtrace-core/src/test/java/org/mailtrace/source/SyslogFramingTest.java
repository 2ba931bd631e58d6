package org.mailtrace.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SyslogFramingTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static SyslogFraming framing() {
        return new SyslogFraming(BERLIN, YearResolver.startingIn(2019));
    }

    private static RawLine ok(String line) {
        Framed framed = framing().frame(line, "mail.log:7");
        assertThat(framed).as(line).isInstanceOf(Framed.Ok.class);
        return ((Framed.Ok) framed).line();
    }

    private static String notSyslog(String line) {
        Framed framed = framing().frame(line, "mail.log:7");
        assertThat(framed).as(line).isInstanceOf(Framed.NotSyslog.class);
        return ((Framed.NotSyslog) framed).reason();
    }

    @Test
    void splitsBsdHeaderAndReadsTimeInConfiguredZone() {
        RawLine raw = ok("Dec 18 15:04:15 mx1 postfix/smtpd[21842]: connect from a.example[192.0.2.1]");
        assertThat(raw.time()).isEqualTo(Instant.parse("2019-12-18T14:04:15Z"));
        assertThat(raw.host()).isEqualTo("mx1");
        assertThat(raw.tag()).isEqualTo("postfix/smtpd");
        assertThat(raw.pid()).isEqualTo(21842);
        assertThat(raw.message()).isEqualTo("connect from a.example[192.0.2.1]");
        assertThat(raw.source()).isEqualTo("mail.log:7");
    }

    @Test
    void acceptsSpacePaddedAndUnpaddedSingleDigitDays() {
        assertThat(ok("Jan  5 01:02:03 mx1 postfix/qmgr[1]: x").time()).isEqualTo(Instant.parse("2019-01-05T00:02:03Z"));
        assertThat(ok("Jan 5 01:02:03 mx1 postfix/qmgr[1]: x").time()).isEqualTo(Instant.parse("2019-01-05T00:02:03Z"));
        assertThat(ok("Jan 05 01:02:03 mx1 postfix/qmgr[1]: x").time()).isEqualTo(Instant.parse("2019-01-05T00:02:03Z"));
    }

    @Test
    void acceptsPriorityPrefixAndFractionalSecondsOnBsdHeader() {
        RawLine raw = ok("<22>Dec 18 15:04:15.123456 mx1 postfix/smtpd[5]: hello");
        assertThat(raw.time()).isEqualTo(Instant.parse("2019-12-18T14:04:15.123456Z"));
        assertThat(raw.tag()).isEqualTo("postfix/smtpd");
        assertThat(raw.message()).isEqualTo("hello");
    }

    @Test
    void readsRfc3339WithOffsetOrZuluOrNoZone() {
        assertThat(ok("2019-12-18T15:04:15.123456+01:00 mx1 postfix/smtpd[123]: m").time())
                .isEqualTo(Instant.parse("2019-12-18T14:04:15.123456Z"));
        assertThat(ok("2023-06-23T14:27:40.550321Z pmg1 postfix/postscreen[1180]: m").time())
                .isEqualTo(Instant.parse("2023-06-23T14:27:40.550321Z"));
        assertThat(ok("2019-07-01T10:00:00 mx1 postfix/smtpd[1]: m").time())
                .isEqualTo(Instant.parse("2019-07-01T08:00:00Z"));
    }

    @Test
    void readsRfc5424WithNilOrStructuredData() {
        RawLine plain = ok("<22>1 2019-12-18T15:04:15.003Z mx1 postfix/smtpd 123 - - connect from a[192.0.2.1]");
        assertThat(plain.time()).isEqualTo(Instant.parse("2019-12-18T15:04:15.003Z"));
        assertThat(plain.host()).isEqualTo("mx1");
        assertThat(plain.tag()).isEqualTo("postfix/smtpd");
        assertThat(plain.pid()).isEqualTo(123);
        assertThat(plain.message()).isEqualTo("connect from a[192.0.2.1]");

        RawLine structured = ok("<22>1 2019-12-18T15:04:15Z mx1 postfix/qmgr 9 ID47 [meta x=\"a]b\\\"c\"][origin ip=\"192.0.2.7\"] 3F1B6C0423: removed");
        assertThat(structured.message()).isEqualTo("3F1B6C0423: removed");
        assertThat(structured.pid()).isEqualTo(9);

        RawLine noPid = ok("<22>1 2019-12-18T15:04:15Z mx1 postfix/qmgr - - - 3F1B6C0423: removed");
        assertThat(noPid.pid()).isEqualTo(-1);
    }

    @Test
    void readsPostfixMaillogFileLinesAsWrittenByPostlogd() {
        // Postfix 3.7 postlogd/postlog writing maillog_file: BSD timestamp, host name, tag[pid].
        RawLine raw = ok("Nov 28 13:19:12 vm postfix-test/smtpd[4608]: hello world test2");
        assertThat(raw.host()).isEqualTo("vm");
        assertThat(raw.tag()).isEqualTo("postfix-test/smtpd");
        assertThat(raw.pid()).isEqualTo(4608);
        assertThat(raw.message()).isEqualTo("hello world test2");
    }

    @Test
    void keepsTagShapesWithoutPidAndWithInstancePaths() {
        RawLine noPid = ok("Dec 18 15:04:15 mx1 postfix/smtpd: warning: x");
        assertThat(noPid.tag()).isEqualTo("postfix/smtpd");
        assertThat(noPid.pid()).isEqualTo(-1);
        assertThat(noPid.message()).isEqualTo("warning: x");
        assertThat(ok("Dec 18 15:04:15 mx1 postfix-out/smtp[1]: m").tag()).isEqualTo("postfix-out/smtp");
        assertThat(ok("Dec 18 15:04:15 mx1 postfix/submission/smtpd[1]: m").tag()).isEqualTo("postfix/submission/smtpd");
    }

    @Test
    void dropsCarriageReturnButKeepsTabsAndEscapesInMessage() {
        RawLine raw = ok("Dec 18 15:04:15 mx1 pmg-smtp-filter[1565]: new mail message-id=<xyz>#012\tend\r");
        assertThat(raw.message()).isEqualTo("new mail message-id=<xyz>#012\tend");
    }

    @Test
    void acceptsLocalLogsWithoutHostField() {
        RawLine raw = ok("Dec 18 15:04:15 postfix/smtpd[7]: connect from a[192.0.2.1]");
        assertThat(raw.host()).isEmpty();
        assertThat(raw.tag()).isEqualTo("postfix/smtpd");
    }

    @Test
    void refusesLinesWithoutSyslogHeader() {
        assertThat(notSyslog("")).isEqualTo("empty line");
        assertThat(notSyslog("hello world")).isEqualTo("no timestamp");
        assertThat(notSyslog("Dec 18 15:04:15 mx1 no tag here")).isEqualTo("no program tag");
        assertThat(notSyslog("Dec 18 15:04:15 mx1")).isEqualTo("no program tag");
        assertThat(notSyslog("<999999>Dec 18 15:04:15 mx1 a: b")).isEqualTo("bad priority");
        assertThat(notSyslog("2019-13-18T15:04:15Z mx1 a: b")).isEqualTo("bad timestamp");
        assertThat(notSyslog("Dec 18 25:04:15 mx1 a: b")).isEqualTo("no timestamp");
    }

    @Test
    void refusesFebruary29InAnExplicitNonLeapYear() {
        SyslogFraming framing = new SyslogFraming(BERLIN, YearResolver.startingIn(2023));
        assertThat(framing.frame("Feb 29 10:00:00 mx1 postfix/qmgr[1]: x", "s")).isEqualTo(Framed.notSyslog("impossible date"));
        SyslogFraming leap = new SyslogFraming(BERLIN, YearResolver.startingIn(2024));
        assertThat(leap.frame("Feb 29 10:00:00 mx1 postfix/qmgr[1]: x", "s")).isInstanceOf(Framed.Ok.class);
    }

    @Test
    void rfc3339LinesInAMixedFileCarryTheYearToLaterBsdLines() {
        SyslogFraming framing = new SyslogFraming(BERLIN, YearResolver.startingIn(2000));
        framing.frame("2023-06-23T14:26:29+02:00 pmg1 postfix/smtpd[1]: a", "s");
        Framed bsd = framing.frame("Jun 23 14:30:00 pmg1 postfix/smtpd[1]: b", "s");
        assertThat(((Framed.Ok) bsd).line().time()).isEqualTo(Instant.parse("2023-06-23T12:30:00Z"));
    }
}
