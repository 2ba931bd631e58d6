package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailtrace.json.TraceJson;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.store.TraceQuery;

/**
 * A server with a row cap of 3, an SMTP relay (a sink on loopback) and a 1 s live ping: cap
 * behaviour, webhook and mail notification, the live feed with scopes, and job metrics.
 */
class ReportJobsTest {
    static SmtpSink smtp;
    static HttpServer webhook;
    static final BlockingQueue<String> HOOKS = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> REDIRECTED = new LinkedBlockingQueue<>();
    static ApiFixture api;

    @BeforeAll
    static void start() throws IOException {
        smtp = new SmtpSink();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/redirected");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        webhook.createContext("/redirected", ex -> {
            REDIRECTED.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.createContext("/hook", ex -> {
            HOOKS.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        api = new ApiFixture(Map.of("rate-limit", List.of("0"), "report-max-rows", List.of("3"),
                "smtp-relay", List.of("127.0.0.1:" + smtp.port()), "smtp-from", List.of("reports@example.test"),
                "live-ping", List.of("1s"), "webhook-allow", List.of("127.0.0.1")));
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
        webhook.stop(0);
        smtp.close();
    }

    @Test
    void aReportOverTheCapSaysSoInItsStateAndItsLastLine() {
        String admin = HttpApi.bearer(api.token("admin"));
        JsonNode r = ReportApiTest.order(api, admin, "{\"type\":\"summary\",\"title\":\"capped\"}");
        JsonNode done = ReportApiTest.awaitFinished(api, admin, r.get("id").asText());
        assertThat(done.get("state").asText()).isEqualTo("capped");
        assertThat(done.get("capped").asBoolean()).isTrue();
        assertThat(done.get("rows").asLong()).isEqualTo(3);
        List<String> lines = ReportApiTest.lines(api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", admin).body());
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).isEqualTo("# capped at 3 rows");
    }

    @Test
    void aReportWithinTheCapIsDone() {
        String admin = HttpApi.bearer(api.token("admin"));
        String id = api.http.get("/api/v1/traces?recipient=nosuch-user@example.test&limit=1", admin).json().at("/rows/0/messageTraceId").asText();
        JsonNode r = ReportApiTest.order(api, admin, "{\"type\":\"summary\",\"query\":{\"traceId\":\"" + id + "\"}}");
        JsonNode done = ReportApiTest.awaitFinished(api, admin, r.get("id").asText());
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(api.http.get("/api/v1/reports/" + r.get("id").asText() + "/download", admin).body()).doesNotContain("# capped");
    }

    @Test
    void finishedReportsAreAnnouncedByWebhookAndMail() throws Exception {
        String admin = HttpApi.bearer(api.token("admin"));
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        JsonNode r = ReportApiTest.order(api, admin, "{\"type\":\"enhanced\",\"title\":\"Weekly bounces\","
                + "\"notify\":{\"webhook\":\"" + hook + "\",\"email\":\"postmaster@example.test\"}}");
        String body = HOOKS.poll(20, TimeUnit.SECONDS);
        assertThat(body).as("webhook call").isNotNull();
        JsonNode posted = TraceJson.mapper().readTree(body);
        assertThat(posted.get("id").asText()).isEqualTo(r.get("id").asText());
        assertThat(posted.get("state").asText()).isEqualTo("capped");
        SmtpSink.Mail mail = smtp.received.poll(20, TimeUnit.SECONDS);
        assertThat(mail).as("mail through the relay").isNotNull();
        assertThat(mail.from()).isEqualTo("<reports@example.test>");
        assertThat(mail.to()).isEqualTo("<postmaster@example.test>");
        assertThat(mail.data()).contains("Subject: mailtrace report \"Weekly bounces\": capped")
                .contains("/api/v1/reports/" + r.get("id").asText() + "/download");
    }

    @Test
    void aWebhookThatRedirectsIsNotFollowed() throws Exception {
        String admin = HttpApi.bearer(api.token("admin"));
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/redirect";
        JsonNode r = ReportApiTest.order(api, admin, "{\"type\":\"summary\",\"notify\":{\"webhook\":\"" + hook + "\"}}");
        ReportApiTest.awaitFinished(api, admin, r.get("id").asText());
        assertThat(REDIRECTED.poll(2, TimeUnit.SECONDS)).as("the redirect's target was called").isNull();
    }

    @Test
    void theLiveFeedStreamsPublishedRowsWithinTheSubscribersScopeAndPings() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(api.http.base + "/api/v1/live"))
                .header("Accept", "text/event-stream").header("Authorization", HttpApi.bearer(api.token("hd-remote"))).build();
        HttpResponse<java.io.InputStream> resp = api.http.client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            long until = System.currentTimeMillis() + 10_000;
            while (api.server.liveFeed().subscriberCount() == 0 && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            List<MessageTrace> all = api.store.search(TraceQuery.all(), null, 5000).rows().stream()
                    .map(r -> r.messageTraceId()).distinct().map(id -> api.store.get(id).orElseThrow()).toList();
            api.server.liveFeed().publish(all);
            String data = null;
            boolean pinged = false;
            String line;
            while ((data == null || !pinged) && (line = in.readLine()) != null) {
                if (line.startsWith(":") && line.contains("ping")) {
                    pinged = true;
                }
                if (line.equals("event: rows")) {
                    data = in.readLine();
                }
            }
            assertThat(data).startsWith("data: ");
            JsonNode rows = TraceJson.mapper().readTree(data.substring(6));
            assertThat(rows.size()).isGreaterThan(0);
            rows.forEach(r -> assertThat(r.get("senderAddress").asText() + " " + r.get("recipientAddress").asText()).contains("remote.test"));
            long inScope = api.store.count(TraceQuery.builder().scopeDomains(java.util.Set.of("remote.test")).build());
            assertThat((long) rows.size()).isEqualTo(inScope);
            assertThat(pinged).isTrue();
        }
        String metrics = api.http.get("/metrics", null).body();
        assertThat(metrics).contains("mailtrace_live_subscribers").contains("mailtrace_reports{state=\"done\"}");
    }
}
