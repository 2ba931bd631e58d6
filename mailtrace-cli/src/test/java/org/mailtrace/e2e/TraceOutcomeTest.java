package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrace.e2e.ExpectedRow.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceOutcomeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<ExpectedRow> BOUNCE = List.of(
            row("mt-sender@example.test", "reject-out@remote.test", "Failed", "RECEIVE", "FAIL", "NDR"),
            row("", "mt-sender@example.test", "Delivered", "DELIVER").withQueueIds(1));

    private static final Map<String, List<String>> EVENTS = Map.of(
            "t1", List.of("RECEIVE", "SEND", "FAIL", "NDR"),
            "t2", List.of("DELIVER"));

    @Test
    void matchingRowsHaveNoDifferences() throws Exception {
        JsonNode rows = JSON.readTree("""
                [{"senderAddress":"mt-sender@example.test","recipientAddress":"Reject-Out@remote.test",
                  "status":"Failed","messageTraceId":"t1","queueIds":["A1"]},
                 {"senderAddress":null,"recipientAddress":"mt-sender@example.test",
                  "status":"Delivered","messageTraceId":"t2","queueIds":["B2"]}]""");

        assertThat(TraceOutcome.differences(BOUNCE, rows, EVENTS::get)).isEmpty();
    }

    @Test
    void reportsWrongStatusMissingEventsAndTooFewQueueIds() throws Exception {
        JsonNode rows = JSON.readTree("""
                [{"senderAddress":"mt-sender@example.test","recipientAddress":"reject-out@remote.test",
                  "status":"Pending","messageTraceId":"t2","queueIds":["A1"]},
                 {"senderAddress":"","recipientAddress":"mt-sender@example.test",
                  "status":"Delivered","messageTraceId":"t2","queueIds":[]}]""");

        assertThat(TraceOutcome.differences(BOUNCE, rows, EVENTS::get))
                .anySatisfy(d -> assertThat(d).contains("status Pending, expected Failed"))
                .anySatisfy(d -> assertThat(d).contains("lacks events [RECEIVE, FAIL, NDR]"))
                .anySatisfy(d -> assertThat(d).contains("0 queue IDs"))
                .hasSize(3);
    }

    @Test
    void reportsMissingAndExtraRows() throws Exception {
        JsonNode rows = JSON.readTree("""
                [{"senderAddress":"mt-sender@example.test","recipientAddress":"reject-out@remote.test",
                  "status":"Failed","messageTraceId":"t1","queueIds":["A1"]},
                 {"senderAddress":"mt-sender@example.test","recipientAddress":"someone-else@remote.test",
                  "status":"Failed","messageTraceId":"t1","queueIds":["A1"]}]""");

        assertThat(TraceOutcome.differences(BOUNCE, rows, EVENTS::get))
                .anySatisfy(d -> assertThat(d).startsWith(" -> mt-sender@example.test: expected one row, found 0"))
                .hasSize(1);
    }

    @Test
    void checksFromIpAndFinalRecipientsWhereExpected() throws Exception {
        List<ExpectedRow> redirected = List.of(
                row("c@client.test", "one@example.test", "Delivered", "DELIVER")
                        .withFromIp("127.0.0.3").withFinalRecipients("Carol@example.test"),
                row("c@client.test", "two@example.test", "Delivered", "DELIVER").withFinalRecipients("x@example.test"));
        JsonNode rows = JSON.readTree("""
                [{"senderAddress":"c@client.test","recipientAddress":"one@example.test","status":"Delivered",
                  "messageTraceId":"t2","queueIds":["A1"],"fromIp":"127.0.0.1",
                  "finalRecipients":["carol@example.test"]},
                 {"senderAddress":"c@client.test","recipientAddress":"two@example.test","status":"Delivered",
                  "messageTraceId":"t2","queueIds":["A1"],"fromIp":"127.0.0.1"}]""");

        assertThat(TraceOutcome.differences(redirected, rows, EVENTS::get)).containsExactlyInAnyOrder(
                "c@client.test -> one@example.test: fromIp \"127.0.0.1\", expected 127.0.0.3",
                "c@client.test -> two@example.test: row has no finalRecipients list (), expected [x@example.test]");
    }

    @Test
    void readsEventNamesFromDetail() throws Exception {
        JsonNode detail = JSON.readTree("""
                {"messageTraceId":"t1","events":[{"event":"RECEIVE","date":"x"},{"event":"DELIVER"}]}""");

        assertThat(TraceOutcome.eventNames(detail)).containsExactly("RECEIVE", "DELIVER");
    }

    @Test
    void reportsRowsInOtherTracesThanTheirLabelsSay() throws Exception {
        List<ExpectedRow> oneSession = List.of(
                row("c14@client.test", "nosuch14@example.test", "Failed").inTrace("session"),
                row("c14@client.test", "mt-carol@example.test", "Dropped").inTrace("session"),
                row("c15@client.test", "mt-bob@example.test", "Delivered").inTrace("other"));
        JsonNode split = JSON.readTree("""
                [{"senderAddress":"c14@client.test","recipientAddress":"nosuch14@example.test",
                  "status":"Failed","messageTraceId":"t1"},
                 {"senderAddress":"c14@client.test","recipientAddress":"mt-carol@example.test",
                  "status":"Dropped","messageTraceId":"t2"},
                 {"senderAddress":"c15@client.test","recipientAddress":"mt-bob@example.test",
                  "status":"Delivered","messageTraceId":"t2"}]""");

        assertThat(TraceOutcome.differences(oneSession, split, id -> List.of()))
                .anySatisfy(d -> assertThat(d).startsWith("c14@client.test -> mt-carol@example.test: in trace t2,"))
                .anySatisfy(d -> assertThat(d).startsWith("c15@client.test -> mt-bob@example.test: shares trace t2"))
                .hasSize(2);
    }
}
