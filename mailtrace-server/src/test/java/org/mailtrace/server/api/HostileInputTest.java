package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad and hostile input gets 400 (or 413/415) with a JSON body that names the problem, never 500. */
class HostileInputTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "start=yesterday | start",
        "end=2026-13-45 | end",
        "start=2026-11-28&end=2026-11-01 | not after",
        "limit=-1 | limit",
        "limit=0 | limit",
        "limit=5001 | limit",
        "limit=99999999999999 | limit",
        "limit=ten | limit",
        "sender=%27%20OR%201%3D1%20--  | sender",
        "recipient=*:* | recipient",
        "recipient=a@b@c | recipient",
        "recipient=%3Cscript%3E | recipient",
        "fromIp=300.1.2.3 | fromIp",
        "toIp=192.0.2.0/99 | toIp",
        "fromIp=mail.example.org | fromIp",
        "status=Bounced | unknown status",
        "direction=Sideways | unknown direction",
        "subjectMatch=regex | subject match",
        "traceId=1%27%20OR%20%271%27%3D%271 | traceId",
        "messageId=%3Ca%20b%3E | messageId",
        "cursor=not-a-cursor | cursor",
        "sendr=alice@example.test | unknown parameter",
        "limit=1&limit=2 | limit",
    })
    void badSearchParametersAre400WithAClearMessage(String query, String mentions) {
        HttpApi.Answer a = api.http.get("/api/v1/traces?" + query, HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(a.json().get("detail").asText()).containsIgnoringCase(mentions);
    }

    @Test
    void aCursorLongerThanAnyStoreGivesIs400BeforeItReachesTheStore() {
        String tooLong = "A".repeat(org.mailtrace.store.TracePage.MAX_CURSOR_LENGTH + 1);
        HttpApi.Answer a = api.http.get("/api/v1/traces?cursor=" + tooLong, HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).isEqualTo("cursor: not a cursor from a previous page's 'next'");
    }

    @Test
    void malformedTraceIdInPathIs400() {
        HttpApi.Answer a = api.http.get("/api/v1/traces/*:*", HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).contains("not a message trace ID");
    }

    @Test
    void unknownButWellFormedTraceIdIs404() {
        HttpApi.Answer a = api.http.get("/api/v1/traces/00000000-0000-0000-0000-000000000000", HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void invalidUtf8InTheQueryStringIs400Json() throws IOException {
        String answer = raw("GET /api/v1/traces?sender=%C3%28@example.test HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + api.token("admin") + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("\"error\"");
    }

    @Test
    void oversizedBodyIs413Json() {
        String big = "{\"label\":\"" + "x".repeat(200_000) + "\"}";
        HttpApi.Answer a = api.http.send("POST", "/api/v1/users/admin/tokens", HttpApi.bearer(api.token("admin")), big, Map.of());
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.json().get("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void malformedJsonAndUnknownFieldsAre400() {
        HttpApi.Answer broken = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")), "{\"name\":", Map.of());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).contains("malformed JSON");
        HttpApi.Answer typo = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")),
                "{\"name\":\"x1\",\"role\":\"Help Desk\",\"password\":\"a long enough password\",\"rol\":1}", Map.of());
        assertThat(typo.status()).isEqualTo(400);
    }

    @Test
    void nonJsonBodyIs415() {
        HttpApi.Answer a = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")), null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(a.status()).isEqualTo(415);
    }

    @Test
    void badUserInputIs400() {
        HttpApi.Answer shortPw = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")),
                "{\"name\":\"shorty\",\"role\":\"Help Desk\",\"password\":\"short\"}", Map.of());
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(shortPw.json().get("detail").asText()).contains("at least 12");
        HttpApi.Answer badRole = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")),
                "{\"name\":\"r1\",\"role\":\"Root\",\"password\":\"a long enough password\"}", Map.of());
        assertThat(badRole.json().get("detail").asText()).contains("unknown role");
        HttpApi.Answer badDomain = api.http.send("POST", "/api/v1/users", HttpApi.bearer(api.token("admin")),
                "{\"name\":\"d1\",\"role\":\"Help Desk\",\"domains\":[\"' OR 1=1 --\"],\"password\":\"a long enough password\"}", Map.of());
        assertThat(badDomain.status()).isEqualTo(400);
    }

    @Test
    void injectionStringsAsValidFiltersMatchNothingRatherThanEverything() {
        HttpApi.Answer a = api.http.get("/api/v1/traces?subject=%27%20OR%201%3D1%20--", HttpApi.bearer(api.token("admin")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("rows")).isEmpty();
        HttpApi.Answer b = api.http.get("/api/v1/traces?messageId=*:*", HttpApi.bearer(api.token("admin")));
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.json().get("rows")).isEmpty();
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
