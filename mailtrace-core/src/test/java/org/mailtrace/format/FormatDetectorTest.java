package org.mailtrace.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    @Test
    void choosesPostfixForASyslogMailLog() {
        List<String> lines = List.of(
                "Nov 28 12:00:00 mx kernel: [1.0] eth0 up",
                "Nov 28 12:00:01 mx postfix/smtpd[10]: connect from a.example[192.0.2.1]",
                "Nov 28 12:00:01 mx postfix/smtpd[10]: 3F1B6C0423: client=a.example[192.0.2.1]");
        assertThat(FormatDetector.choose(Formats.all(), lines, ZoneOffset.UTC).name()).isEqualTo("postfix");
    }

    @Test
    void choosesEximForItsOwnMainLog() {
        List<String> lines = List.of(
                "2026-11-28 12:00:00 exim 4.96 daemon started: pid=1, -q30m, listening for SMTP on port 25",
                "2026-11-28 12:00:01 1uAbCd-0001Xy-7Q <= a@example.org H=(x) [192.0.2.1] P=esmtp S=1200",
                "2026-11-28 12:00:02 1uAbCd-0001Xy-7Q => b <b@example.net> R=local_user T=mail_spool",
                "2026-11-28 12:00:02 1uAbCd-0001Xy-7Q Completed");
        assertThat(FormatDetector.choose(Formats.all(), lines, ZoneOffset.UTC).name()).isEqualTo("exim");
    }

    @Test
    void choosesEximForItsLinesThroughSyslog() {
        List<String> lines = List.of(
                "Nov 28 12:00:00 mx kernel: [1.0] eth0 up",
                "Nov 28 12:00:01 mx exim[10]: 2026-11-28 12:00:01 1uAbCd-000000001Xy-7Qab <= a@example.org U=a P=local S=12",
                "Nov 28 12:00:02 mx exim[11]: 2026-11-28 12:00:02 1uAbCd-000000001Xy-7Qab Completed");
        assertThat(FormatDetector.choose(Formats.all(), lines, ZoneOffset.UTC).name()).isEqualTo("exim");
    }

    @Test
    void choosesNoneWhenNoFormatClaimsALine() {
        List<String> lines = List.of("total 12", "drwxr-xr-x 2 root root 4096 Nov 28 12:00 .", "hello");
        assertThat(FormatDetector.choose(Formats.all(), lines, ZoneOffset.UTC)).isNull();
    }

    @Test
    void choosesExchangeForAMessageTrackingLog() {
        List<String> lines = List.of("\uFEFF#Software: Microsoft Exchange Server", "#Version: 15.02.1544.004",
                "#Log-type: Message Tracking Log", "#Date: 2026-12-03T10:00:00.000Z",
                "#Fields: date-time,event-id,source,internal-message-id,recipient-address,return-path",
                "2026-12-03T10:00:01.402Z,RECEIVE,SMTP,4711,bob@contoso.test,alice@fabrikam.test",
                "2026-12-03T10:00:02.497Z,DELIVER,STOREDRIVER,4711,bob@contoso.test,alice@fabrikam.test");
        assertThat(FormatDetector.choose(Formats.all(), lines, ZoneOffset.UTC).name()).isEqualTo("exchange");
    }

    @Test
    void autoIsAcceptedAlongsideEveryFormatName() {
        assertThat(Formats.names()).startsWith(Formats.AUTO).contains("postfix", "exim", "exchange");
    }
}
