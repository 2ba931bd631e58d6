package org.mailtrace.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Help Desk user scoped to remote.test never sees another domain's rows or details. */
class DomainScopeIsolationTest {
    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.shared();
    }

    private static List<JsonNode> rows(String user, String query) {
        JsonNode page = api.http.get("/api/v1/traces?limit=5000" + query, HttpApi.bearer(api.token(user))).json();
        assertThat(page.get("next").isNull()).isTrue();
        List<JsonNode> out = new ArrayList<>();
        page.get("rows").forEach(out::add);
        return out;
    }

    private static boolean inRemote(String address) {
        return address.toLowerCase().endsWith("@remote.test") || address.toLowerCase().endsWith(".remote.test");
    }

    @Test
    void scopedSearchReturnsOnlyRowsWithSenderOrRecipientInTheDomain() {
        List<JsonNode> all = rows("helpdesk", "");
        List<JsonNode> scoped = rows("hd-remote", "");
        long expected = all.stream().filter(r -> inRemote(r.get("senderAddress").asText()) || inRemote(r.get("recipientAddress").asText())).count();
        assertThat(scoped).isNotEmpty().hasSize((int) expected).hasSizeLessThan(all.size());
        assertThat(scoped).allMatch(r -> inRemote(r.get("senderAddress").asText()) || inRemote(r.get("recipientAddress").asText()));
    }

    @Test
    void scopeCannotBeWidenedByFilters() {
        assertThat(rows("hd-remote", "&recipient=*@example.test"))
                .allMatch(r -> inRemote(r.get("senderAddress").asText()));
    }

    @Test
    void detailOfAnotherDomainsTraceIsNotFound() {
        List<JsonNode> outside = rows("helpdesk", "").stream()
                .filter(r -> !inRemote(r.get("senderAddress").asText()))
                .filter(r -> rows("helpdesk", "&traceId=" + r.get("messageTraceId").asText()).stream()
                        .noneMatch(x -> inRemote(x.get("recipientAddress").asText())))
                .toList();
        assertThat(outside).isNotEmpty();
        for (JsonNode r : outside) {
            String id = r.get("messageTraceId").asText();
            assertThat(api.http.get("/api/v1/traces/" + id, HttpApi.bearer(api.token("helpdesk"))).status()).isEqualTo(200);
            HttpApi.Answer a = api.http.get("/api/v1/traces/" + id, HttpApi.bearer(api.token("hd-remote")));
            assertThat(a.status()).as(id).isEqualTo(404);
            assertThat(a.body()).doesNotContain(r.get("recipientAddress").asText());
        }
    }

    @Test
    void detailInScopeShowsOnlyVisibleRecipientsEventsAndRelatedTraces() {
        List<JsonNode> scoped = rows("hd-remote", "");
        for (JsonNode r : scoped) {
            JsonNode d = api.http.get("/api/v1/traces/" + r.get("messageTraceId").asText(), HttpApi.bearer(api.token("hd-remote"))).json();
            boolean senderVisible = inRemote(d.get("senderAddress").asText());
            d.get("recipients").forEach(x -> assertThat(senderVisible || inRemote(x.get("recipientAddress").asText())).isTrue());
            d.get("events").forEach(e -> assertThat(e.get("recipientAddress").isNull() || senderVisible
                    || inRemote(e.get("recipientAddress").asText())).as(e.toString()).isTrue());
            d.get("related").forEach(rel -> assertThat(api.http.get("/api/v1/traces/" + rel.get("messageTraceId").asText(),
                    HttpApi.bearer(api.token("hd-remote"))).status()).isEqualTo(200));
        }
    }
}
