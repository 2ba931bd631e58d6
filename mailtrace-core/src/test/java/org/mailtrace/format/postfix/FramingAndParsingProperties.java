package org.mailtrace.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;
import org.mailtrace.source.SyslogFraming;
import org.mailtrace.source.YearResolver;

/** Bad input never throws: framing and the Postfix format survive garbage, huge lines and truncation. */
class FramingAndParsingProperties {
    private static final List<String> REAL_LINES = List.of(
            "Dec 18 15:04:15 mx1 postfix/smtpd[21842]: connect from a.example[192.0.2.1]",
            "<22>Jan  5 01:02:03.123 mx1 postfix/smtpd[1]: 3F1B6C0423: client=a.example[192.0.2.1], sasl_method=PLAIN, sasl_username=u",
            "2019-12-18T15:04:15.123456+01:00 mx1 postfix/smtpd[123]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 550 5.1.1"
                    + " <b@example.org>: Recipient address rejected: User unknown; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>",
            "<22>1 2019-12-18T15:04:15.003Z mx1 postfix/postscreen 12 - [a x=\"]\"] NOQUEUE: reject: RCPT from [192.0.2.9]:4312: 550 5.7.1"
                    + " Service unavailable; from=<a@x>, to=<b@y>, proto=ESMTP, helo=<h>",
            "Dec 18 15:04:15 mx1 postfix/cleanup[5]: 3F1B6C0423: reject: header Subject: win from a.example[192.0.2.1];"
                    + " from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<a.example>: 5.7.1 no",
            "Dec 18 15:04:15 mx1 postfix/cleanup[5]: 3F1B6C0423: milter-reject: END-OF-MESSAGE from a[192.0.2.1]: 5.7.1 Spam;"
                    + " from=<> to=<b@example.org> proto=ESMTP helo=<a>",
            "Dec 18 15:04:15 mx1 postfix/cleanup[5]: 3F1B6C0423: message-id=<m@example.org>",
            "Dec 18 15:04:15 mx1 postfix/pickup[5]: 3F1B6C0423: uid=1000 from=<alice>",
            "Dec 18 15:04:15 mx1 postfix/qmgr[5]: 3F1B6C0423: from=<a@example.org>, size=123, nrcpt=2 (queue active)",
            "Dec 18 15:04:15 mx1 postfix/qmgr[5]: 3F1B6C0423: from=<a@example.org>, status=expired, returned to sender",
            "Dec 18 15:04:15 mx1 postfix-out/smtp[5]: 3F1B6C0423: to=<b@example.org>, orig_to=<c@example.org>,"
                    + " relay=mx.example.org[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4AB12C9D0E)",
            "Dec 18 15:04:15 mx1 postfix/smtp[5]: 3F1B6C0423: host mx.example.org[192.0.2.1] said: 451 4.7.1 try later (in reply to RCPT TO command)",
            "Dec 18 15:04:15 mx1 postfix/bounce[5]: 3F1B6C0423: sender non-delivery notification: 4AB12C9D0E",
            "Dec 18 15:04:15 mx1 postfix/postsuper[5]: 3F1B6C0423: placed on hold",
            "Dec 18 15:04:15 mx1 postfix/smtpd[5]: proxy-reject: END-OF-MESSAGE: 554 5.7.1 Rejected (x); from=<a@x> to=<b@y> proto=ESMTP helo=<h>",
            "Dec 18 15:04:15 mx1 amavis[5]: (12345-01) Blocked INFECTED (Eicar) {DiscardedInbound,Quarantined}, [192.0.2.9]:4312"
                    + " [192.0.2.9] <a@x> -> <b@y>,<c@y>, quarantine: v-1, Queue-ID: 3F1B6C0423, Message-ID: <m@x>, mail_id: 1,"
                    + " Hits: -, size: 1, queued_as: 4AB12C9D0E, 5 ms");
    private static final List<String> TAGS = List.of("postfix/smtpd", "postfix/cleanup", "postfix/qmgr", "postfix/smtp",
            "postfix/local", "postfix/pickup", "postfix/bounce", "postfix/postsuper", "postfix/postscreen", "amavis", "postfix/anvil");
    private static final List<String> FRAGMENTS = List.of("3F1B6C0423: ", "NOQUEUE: ", "reject: ", "RCPT from ", "a[192.0.2.1]",
            "[", "]", ":25", ": ", "; ", "from=<", "to=<", ">", "<", ", ", "proto=ESMTP ", "helo=<", "status=", "sent ", "(",
            ")", "queued as ", "client=", "message-id=", "header Subject: ", " from ", "relay=", "size=", "nrcpt=", "uid=",
            " notification: ", "Passed ", "Blocked ", "{", "}", " -> ", "Queue-ID: ", "queued_as: ", "=", "\t", "#012", "é", "\uFFFD");

    private final PostfixFormat format = new PostfixFormat();

    @Property
    void randomStringsNeverThrow(@ForAll String text) {
        frameAndParse(text);
    }

    @Property
    void randomBytesDecodedWithReplacementNeverThrow(@ForAll byte[] bytes) {
        frameAndParse(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property
    void randomMessagesUnderPostfixTagsNeverThrow(@ForAll("tags") String tag, @ForAll("messages") String message) {
        assertNoParserFailure(format.parse(new RawLine(Instant.EPOCH, "mx1", tag, 1, message, "prop")));
    }

    @Example
    void everyPrefixOfRealLinesIsHandled() {
        for (String line : REAL_LINES) {
            for (int end = 0; end <= line.length(); end++) {
                frameAndParse(line.substring(0, end));
            }
            assertThat(frameAndParse(line)).as(line).isInstanceOf(ParseResult.Parsed.class);
        }
    }

    @Example
    void oneMegabyteLinesAreHandled() {
        String big = "x".repeat(1 << 20);
        frameAndParse(big);
        frameAndParse("Dec 18 15:04:15 mx1 postfix/smtpd[1]: " + big);
        frameAndParse("Dec 18 15:04:15 mx1 postfix/cleanup[1]: 3F1B6C0423: reject: header Subject: " + big
                + " from a[192.0.2.1]; from=<a@x> to=<b@y> proto=ESMTP helo=<h>: 5.7.1 no");
        frameAndParse("Dec 18 15:04:15 mx1 postfix/smtp[1]: 3F1B6C0423: to=<" + big + ">, relay=none, status=sent (" + big + ")");
        frameAndParse("Dec 18 15:04:15 mx1 " + "a".repeat(1 << 20) + "[" + "9".repeat(1 << 20) + "]: x");
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.of(TAGS);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().ofMaxLength(6));
        return Combinators.combine(piece.list().ofMaxSize(25), Arbitraries.of(FRAGMENTS))
                .as((pieces, last) -> String.join("", pieces) + last);
    }

    private ParseResult frameAndParse(String text) {
        SyslogFraming framing = new SyslogFraming(ZoneId.of("Europe/Berlin"),
                YearResolver.near(Instant.parse("2024-03-01T00:00:00Z"), ZoneId.of("Europe/Berlin")));
        Framed framed = framing.frame(text, "prop");
        if (framed instanceof Framed.NotSyslog) {
            assertThat(((Framed.NotSyslog) framed).reason()).isNotBlank();
            return null;
        }
        RawLine raw = ((Framed.Ok) framed).line();
        assertThat(raw.time()).isNotNull();
        ParseResult result = format.parse(raw);
        assertNoParserFailure(result);
        return result;
    }

    /** The format turns a reader's bug into Malformed("... parser failure ..."); here that counts as a failure. */
    private static void assertNoParserFailure(ParseResult result) {
        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Malformed) {
            assertThat(((ParseResult.Malformed) result).reason()).doesNotContain("parser failure");
        }
    }
}
