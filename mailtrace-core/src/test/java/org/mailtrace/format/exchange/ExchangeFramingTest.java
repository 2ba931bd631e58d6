package org.mailtrace.format.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.Framed;
import org.mailtrace.source.RawLine;

class ExchangeFramingTest {
    private static final String FIELDS = "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,"
            + "source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
            + "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
            + "message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
            + "original-server-ip,custom-data,transport-traffic-type,log-id,schema-version";

    private final ExchangeFraming framing = new ExchangeFraming();
    private final ExchangeFormat format = new ExchangeFormat();

    private RawLine ok(String text, String source) {
        Framed f = framing.frame(text, source);
        assertThat(f).as(text).isInstanceOf(Framed.Ok.class);
        return ((Framed.Ok) f).line();
    }

    @Test
    void headerLinesAreTheFormatsButCarryNoEvent() {
        RawLine software = ok("\uFEFF#Software: Microsoft Exchange Server", "MSGTRK20261203-1.LOG:1");
        assertThat(format.parse(software)).isInstanceOf(ParseResult.Ignored.class);
        assertThat(format.parse(ok(FIELDS, "MSGTRK20261203-1.LOG:5"))).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void columnsAreReadByTheirHeaderNamesWhateverTheOrderCaseAndExtraFields() {
        ok("#Fields: Event-Id,X-Unknown,Date-Time,Internal-Message-Id,Source,Recipient-Address,Server-Hostname,"
                + "Message-Subject,Return-Path", "x.LOG:1");
        RawLine row = ok("RECEIVE,\"an, extra\",2026-12-03T10:00:01.402Z,4711,SMTP,a@contoso.test;b@contoso.test,"
                + "EX01.contoso.test,\"Hello, \"\"world\"\"\",s@fabrikam.test", "x.LOG:2");
        assertThat(row.time()).isEqualTo(Instant.parse("2026-12-03T10:00:01.402Z"));
        assertThat(row.host()).isEqualTo("ex01.contoso.test");
        ExchangeRow r = ExchangeRow.ofCanonical(row.message());
        assertThat(r.get(ExchangeField.EVENT_ID)).isEqualTo("RECEIVE");
        assertThat(r.get(ExchangeField.MESSAGE_SUBJECT)).isEqualTo("Hello, \"world\"");
        assertThat(r.recipients()).containsExactly("a@contoso.test", "b@contoso.test");
        assertThat(format.parse(row)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void aQuotedLineBreakJoinsTheRowsLines() {
        ok("#Fields: date-time,event-id,internal-message-id,source,message-subject,recipient-address", "x.LOG:1");
        assertThat(framing.frame("2026-12-03T10:00:01.000Z,RECEIVE,1,SMTP,\"first", "x.LOG:2")).isEqualTo(Framed.HELD);
        RawLine row = ok("second\",a@contoso.test", "x.LOG:3");
        assertThat(row.source()).isEqualTo("x.LOG:2");
        assertThat(ExchangeRow.ofCanonical(row.message()).get(ExchangeField.MESSAGE_SUBJECT)).isEqualTo("first\nsecond");
    }

    @Test
    void brokenRowsAreMalformedWithTheirFileAndLine() {
        ok("#Fields: date-time,event-id,internal-message-id,source", "x.LOG:1");
        RawLine tooFew = ok("2026-12-03T10:00:01.000Z,SEND,1", "x.LOG:2");
        assertThat(format.parse(tooFew)).isEqualTo(
                new ParseResult.Malformed("exchange: row has 3 fields, the #Fields: header names 4"));
        assertThat(tooFew.source()).isEqualTo("x.LOG:2");
        assertThat(format.parse(ok("yesterday,SEND,1,SMTP", "x.LOG:3")))
                .isEqualTo(new ParseResult.Malformed("exchange: row without a readable date-time"));
        assertThat(format.parse(ok("2026-12-03T10:00:01.000Z,SEND,\"1\"x,SMTP", "x.LOG:4")))
                .isEqualTo(new ParseResult.Malformed("exchange: misplaced quote in a CSV row"));
    }

    @Test
    void aQuoteNeverClosedDoesNotSwallowTheNextRow() {
        ok("#Fields: date-time,event-id,internal-message-id,source", "x.LOG:1");
        assertThat(framing.frame("2026-12-03T10:00:01.000Z,SEND,\"1,SMTP", "x.LOG:2")).isEqualTo(Framed.HELD);
        RawLine next = ok("2026-12-03T10:00:02.000Z,DELIVER,1,STOREDRIVER", "x.LOG:3");
        assertThat(next.source()).isEqualTo("x.LOG:3");
    }

    @Test
    void withoutAHeaderRowsAreReadInTheDocumentedOrder() {
        RawLine row = ok("2026-12-03T10:00:01.402Z,10.0.0.11,mbx01,10.0.0.12,mbx02.contoso.test,,,SMTP,SEND,42,<m@x>,"
                + "nm-1,b@contoso.test,250 2.1.5 Recipient OK,100,1,,,Subject,a@contoso.test,a@contoso.test,,"
                + "Originating,,,,,Email,id,15.02.1544.004", "MSGTRK2026120310-1.LOG:900");
        assertThat(row.host()).isEqualTo("mbx01");
        assertThat(format.parse(row)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void theServiceComesFromTheFileName() {
        assertThat(ExchangeFraming.tagOf("logs/mbx01/MSGTRKMS2026120310-1.LOG:4")).isEqualTo("exchange-ms");
        assertThat(ExchangeFraming.tagOf("C:\\logs\\MSGTRKMD20261203-1.LOG:4")).isEqualTo("exchange-md");
        assertThat(ExchangeFraming.tagOf("MSGTRKMA20261203-1.LOG:1")).isEqualTo("exchange-ma");
        assertThat(ExchangeFraming.tagOf("MSGTRK20261203-1.LOG:1")).isEqualTo("exchange");
        assertThat(ExchangeFraming.tagOf("-:1")).isEqualTo("exchange");
    }
}
