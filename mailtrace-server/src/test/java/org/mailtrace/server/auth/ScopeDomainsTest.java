package org.mailtrace.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeDomainsTest {
    private static final Set<String> EXAMPLE = Set.of("example.org");

    @Test
    void anAddressIsInScopeWhenItsDomainIsAScopeDomainOrASubdomainOfOne() {
        assertThat(ScopeDomains.contains(EXAMPLE, "Alice@Example.ORG")).isTrue();
        assertThat(ScopeDomains.contains(EXAMPLE, "bob@mx.example.org")).isTrue();
        assertThat(ScopeDomains.contains(EXAMPLE, "bob@badexample.org")).isFalse();
        assertThat(ScopeDomains.contains(EXAMPLE, "bob@example.org.")).isFalse();
    }

    @Test
    void anAddressWithoutADomainIsInNoScopeAsInTheStoresSearches() {
        assertThat(ScopeDomains.contains(EXAMPLE, "example.org")).as("a bare local part").isFalse();
        assertThat(ScopeDomains.contains(EXAMPLE, "")).isFalse();
        assertThat(ScopeDomains.contains(EXAMPLE, "<>")).isFalse();
        assertThat(ScopeDomains.contains(EXAMPLE, null)).isFalse();
        assertThat(ScopeDomains.contains(Set.of(), null)).as("the empty scope is everything").isTrue();
    }

    @Test
    void anAddressInAngleBracketsIsReadAsTheStoresIndexIt() {
        assertThat(ScopeDomains.contains(EXAMPLE, "<alice@example.org>")).isTrue();
    }

    @Test
    void aScopeCoversAnotherWhenEachOfItsDomainsIsCovered() {
        assertThat(ScopeDomains.covers(EXAMPLE, Set.of("example.org", "eu.example.org"))).isTrue();
        assertThat(ScopeDomains.covers(EXAMPLE, Set.of("eu.example.org", "example.net"))).isFalse();
        assertThat(ScopeDomains.covers(EXAMPLE, Set.of())).as("nobody scoped hands out everything").isFalse();
        assertThat(ScopeDomains.covers(Set.of(), EXAMPLE)).isTrue();
    }
}
