package org.mailtrace.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void theDomainIsLowerCasedAndTheLocalPartKeepsItsCase() {
        assertThat(MailAddress.domainOf("Alice@Example.ORG")).isEqualTo("example.org");
        assertThat(MailAddress.localPartOf("Alice@Example.ORG")).isEqualTo("Alice");
        assertThat(MailAddress.normalize("Alice@Example.ORG")).isEqualTo("alice@example.org");
    }

    @Test
    void anAddressWithoutAtHasNoDomainAndIsAllLocalPart() {
        assertThat(MailAddress.domainOf("postmaster")).isNull();
        assertThat(MailAddress.localPartOf("postmaster")).isEqualTo("postmaster");
        assertThat(MailAddress.domainOf("example.org")).as("a bare domain is not an address").isNull();
    }

    @Test
    void nothingAfterTheLastAtIsNoDomain() {
        assertThat(MailAddress.domainOf("alice@")).isNull();
        assertThat(MailAddress.localPartOf("alice@")).isEqualTo("alice");
    }

    @Test
    void theNullSenderAndNullHaveNoParts() {
        assertThat(MailAddress.domainOf("<>")).isNull();
        assertThat(MailAddress.localPartOf("<>")).isEmpty();
        assertThat(MailAddress.normalize("<>")).isEmpty();
        assertThat(MailAddress.domainOf("")).isNull();
        assertThat(MailAddress.domainOf(null)).isNull();
        assertThat(MailAddress.localPartOf(null)).isEmpty();
        assertThat(MailAddress.normalize(null)).isEmpty();
    }

    @Test
    void blanksAndOnePairOfAngleBracketsAreDropped() {
        assertThat(MailAddress.normalize(" < Alice@Example.org > ")).isEqualTo("alice@example.org");
        assertThat(MailAddress.domainOf(" < Alice@Example.org > ")).isEqualTo("example.org");
        assertThat(MailAddress.localPartOf("<Alice@Example.org>")).isEqualTo("Alice");
        assertThat(MailAddress.domainOf("<a@b.org")).as("an unclosed bracket is part of the address").isEqualTo("b.org");
        assertThat(MailAddress.localPartOf("<a@b.org")).isEqualTo("<a");
    }

    @Test
    void aTrailingDotStaysPartOfTheDomain() {
        assertThat(MailAddress.domainOf("alice@example.org.")).isEqualTo("example.org.");
    }

    @Test
    void aQuotedLocalPartMayHoldAnAt() {
        assertThat(MailAddress.domainOf("\"a@b\"@Example.org")).isEqualTo("example.org");
        assertThat(MailAddress.localPartOf("\"a@b\"@Example.org")).isEqualTo("\"a@b\"");
        assertThat(MailAddress.domainOf("x@y@host.net")).isEqualTo("host.net");
    }

    @Test
    void aSourceRouteEndsWithTheRealDestination() {
        assertThat(MailAddress.domainOf("<@relay.test:bob@Dest.test>")).isEqualTo("dest.test");
        assertThat(MailAddress.localPartOf("<@relay.test:bob@Dest.test>")).isEqualTo("@relay.test:bob");
    }

    @Test
    void internationalisedDomainsAreLeftAsWritten() {
        assertThat(MailAddress.domainOf("jürgen@Bücher.DE")).isEqualTo("bücher.de");
        assertThat(MailAddress.domainOf("j@xn--bcher-kva.de")).isEqualTo("xn--bcher-kva.de");
        assertThat(MailAddress.localPartOf("Jürgen@bücher.de")).isEqualTo("Jürgen");
    }
}
