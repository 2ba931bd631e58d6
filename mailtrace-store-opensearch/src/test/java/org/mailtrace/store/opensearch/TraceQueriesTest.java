package org.mailtrace.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.store.TraceQuery;
import org.mailtrace.store.TraceQuery.SubjectMatch;

/** What each criterion becomes in the query DSL (the contract test checks what it finds). */
class TraceQueriesTest {
    private static String dsl(TraceQuery q) {
        return TraceQueries.rows(q).toString();
    }

    @Test
    void addressPatternsBecomeTermPrefixOrWildcardOnLowercasedValues() {
        assertThat(dsl(TraceQuery.builder().senders(List.of("<Alice@Example.COM>")).build()))
                .contains("{\"term\":{\"sender\":{\"value\":\"alice@example.com\"}}}");
        assertThat(dsl(TraceQuery.builder().senders(List.of("*@Example.com")).build()))
                .contains("{\"term\":{\"senderDomain\":{\"value\":\"example.com\"}}}");
        assertThat(dsl(TraceQuery.builder().recipients(List.of("bob@*")).build()))
                .contains("{\"prefix\":{\"recipient\":{\"value\":\"bob@\"}}}");
        assertThat(dsl(TraceQuery.builder().senders(List.of("what?ever@*x")).build()))
                .contains("{\"wildcard\":{\"sender\":{\"value\":\"what\\\\?ever@*x\"}}}");
    }

    @Test
    void subjectTextIsLiteralInsideTheWildcard() {
        assertThat(dsl(TraceQuery.builder().subject("*URGENT*", SubjectMatch.CONTAINS).build()))
                .contains("{\"wildcard\":{\"subject\":{\"value\":\"*\\\\*urgent\\\\**\"}}}");
        assertThat(dsl(TraceQuery.builder().subject("Re:", SubjectMatch.STARTSWITH).build())).contains("\"value\":\"re:*\"");
        assertThat(dsl(TraceQuery.builder().subject("March", SubjectMatch.ENDSWITH).build())).contains("\"value\":\"*march\"");
    }

    @Test
    void rangeIsInclusiveStartExclusiveEndInNanoseconds() {
        String q = dsl(TraceQuery.builder().start(Instant.parse("2024-03-01T10:00:00.000001Z"))
                .end(Instant.parse("2024-03-02T00:00:00Z")).build());
        assertThat(q).contains("\"gte\":\"2024-03-01T10:00:00.000001Z\"").contains("\"lt\":\"2024-03-02T00:00:00Z\"");
    }

    @Test
    void cidrIsCheckedHereAndSentAsAddressSlashPrefix() {
        assertThat(dsl(TraceQuery.builder().fromIp("2001:DB8::/32").build()))
                .contains("{\"term\":{\"fromIp\":{\"value\":\"2001:db8:0:0:0:0:0:0/32\"}}}");
        assertThatThrownBy(() -> TraceQueries.rows(TraceQuery.builder().toIp("mail.example.com").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toIp 'mail.example.com'");
    }

    @Test
    void statusesAndScopeDomainsAreTermSets() {
        String q = dsl(TraceQuery.builder().statuses(Set.of(DeliveryStatus.Pending, DeliveryStatus.Failed))
                .scopeDomains(Set.of("@Example.ORG")).build());
        assertThat(q).contains("{\"terms\":{\"status\":[\"Failed\",\"Pending\"]}}")
                .contains("{\"terms\":{\"scopeDomain\":[\"example.org\"]}}");
    }
}
